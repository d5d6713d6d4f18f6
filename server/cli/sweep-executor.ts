// Where `patchdesk sweep` and `walkforward` send their runs: to the BullMQ queue the
// `patchdesk worker`s take from when a Redis is given (--redis-url or REDIS_URL), else (or with
// --local) to worker threads here.
import { threadExecutor, type SweepExecutor } from '../backtest/sweep/executors';
import { bullmqSweepExecutor, SweepQueueError, sweepInFlightMax } from '../backtest/sweep/bullmq-sweep-queue';
import { defaultSweepQueue } from '../backtest/sweep/sweep-job';
import { usage } from './backtest-options';
import { CliError } from './cli-error';
import type { SweepCommandOptions } from './sweep-input';

export interface ChosenExecutor {
  executor: SweepExecutor;
  /** "2 threads" or "queue sweeps (32 jobs in flight)", for the summary line. */
  where: string;
}

export async function sweepExecutorFor(
  options: SweepCommandOptions,
  threads: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChosenExecutor> {
  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  if (options.local || !redisUrl) {
    if (options.redisUrl && options.local) throw usage('--local and --redis-url: pick one');
    const executor = threadExecutor(threads);
    return { executor, where: `${executor.concurrency} threads` };
  }
  if (!/^rediss?:\/\/\S+$/.test(redisUrl)) throw usage('--redis-url must be a redis:// URL');
  const jobs = options.jobs === undefined ? 32 : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > sweepInFlightMax)
    throw usage(`--jobs ${options.jobs}: must be a whole number from 1 to ${sweepInFlightMax}`);
  const queue = options.queue ?? env.PATCHDESK_SWEEP_QUEUE ?? defaultSweepQueue;
  try {
    const executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: jobs });
    return { executor, where: `queue ${queue} (${jobs} jobs in flight)` };
  } catch (error) {
    if (error instanceof SweepQueueError) throw new CliError(`${error.message} (or pass --local)`);
    throw error;
  }
}
