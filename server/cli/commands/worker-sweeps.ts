// `patchdesk worker [--concurrency N] [--queue NAME] [--redis-url URL] [--lock-ms MS] [--id NAME]`
// (no --venue): takes sweep jobs from the BullMQ queue that `patchdesk sweep` / `walkforward`
// fill when REDIS_URL is set, any number of these on any machine. Logs one JSON line per job
// (pino, on stdout). SIGTERM or SIGINT: stops taking jobs and finishes the running ones; a
// second signal leaves them to be retried by another worker once their lock runs out.
import { hostname } from 'node:os';
import pino from 'pino';
import { sweepThreadsMax } from '../../backtest/sweep/executors';
import { defaultSweepQueue } from '../../backtest/sweep/sweep-job';
import { startSweepJobWorker, type SweepJobWorker } from '../../backtest/sweep/sweep-job-worker';
import { CliError, exitCodes } from '../cli-error';

export interface SweepWorkerCommandOptions {
  concurrency: string;
  queue?: string;
  redisUrl?: string;
  lockMs: string;
  id?: string;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    throw new CliError(`${flag} ${text}: must be a whole number from ${min} to ${max}`, exitCodes.usage);
  return value;
}

export async function runSweepWorkerCommand(
  options: SweepWorkerCommandOptions,
  context: {
    env?: NodeJS.ProcessEnv;
    signal?: AbortSignal;
    onStarted?: (worker: SweepJobWorker) => void;
  } = {},
): Promise<void> {
  const env = context.env ?? process.env;
  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  if (!redisUrl)
    throw new CliError('a sweep worker needs Redis: set REDIS_URL or pass --redis-url', exitCodes.usage);
  if (!/^rediss?:\/\/\S+$/.test(redisUrl))
    throw new CliError('--redis-url must be a redis:// URL', exitCodes.usage);
  const concurrency = wholeNumber('--concurrency', options.concurrency, 1, sweepThreadsMax);
  const lockDurationMs = wholeNumber('--lock-ms', options.lockMs, 1_000, 600_000);
  const queue = options.queue ?? env.PATCHDESK_SWEEP_QUEUE ?? defaultSweepQueue;
  const workerId = options.id ?? `${hostname()}:${process.pid}`;
  const logger = pino({ level: env.PATCHDESK_LOG_LEVEL ?? 'info', base: { worker: workerId } });
  const worker = startSweepJobWorker({ redisUrl, queue, concurrency, lockDurationMs, workerId, logger });
  try {
    await worker.ready();
  } catch (error) {
    await worker.close(true);
    throw new CliError(`cannot reach the sweep queue on Redis: ${(error as Error).message}`);
  }
  context.onStarted?.(worker);
  logger.info({ queue, concurrency }, 'sweep worker ready');
  let signals = 0;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      signals++;
      if (signals === 1) resolve();
      // a second signal: stop now, the running jobs go back to the queue when their lock runs out
      else void worker.close(true).finally(() => process.exit(exitCodes.failure));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    context.signal?.addEventListener('abort', stop, { once: true });
    if (context.signal?.aborted) stop();
  });
  logger.info('sweep worker stopping: finishing the running jobs');
  await worker.close();
  logger.info(worker.stats(), 'sweep worker stopped');
}
