// A `patchdesk worker` taking sweep jobs (bullmq-sweep-queue.ts) from BullMQ: `concurrency`
// jobs at once, each backtest on its own worker thread (so this thread stays free to renew the
// jobs' locks: a lock that runs out makes BullMQ hand the job to another worker). The data blob
// is read from Redis once per sweep and kept (the last `dataCacheMax` of them).
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { threadExecutor } from './executors';
import { decodeSweepData } from './sweep-data-blob';
import {
  decodeJobTask,
  defaultSweepPrefix,
  defaultSweepQueue,
  encodeJobReturn,
  type SweepJobData,
} from './sweep-job';
import type { SweepData } from './sweep-task';

export interface SweepJobWorkerOptions {
  redisUrl: string;
  queue?: string;
  prefix?: string;
  /** Jobs at once, each on a worker thread (default 1). */
  concurrency?: number;
  /** How long a taken job stays locked without renewal (default 30 s; renewed every half). */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (default: lockDurationMs). */
  stalledIntervalMs?: number;
  workerId: string;
  logger: Logger;
  dataCacheMax?: number;
}

export interface SweepJobWorker {
  readonly workerId: string;
  /** Resolves once connected and taking jobs; rejects after `timeoutMs` (default 20 s) without. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops taking jobs; waits for the running ones to finish (force: leaves them to be retried). */
  close(force?: boolean): Promise<void>;
  stats(): { done: number; failed: number };
}

export function startSweepJobWorker(options: SweepJobWorkerOptions): SweepJobWorker {
  const { logger, workerId } = options;
  const concurrency = options.concurrency ?? 1;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const dataCacheMax = options.dataCacheMax ?? 4;
  const executor = threadExecutor(concurrency);
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const cache = new Map<string, Promise<SweepData>>();
  let done = 0;
  let failed = 0;

  const dataOf = (job: Job<SweepJobData>): Promise<SweepData> => {
    const { dataKey, dataSha256 } = job.data;
    let data = cache.get(dataSha256);
    if (data) {
      cache.delete(dataSha256); // most recently used last
    } else {
      data = (async () => {
        const bytes = await redis.getBuffer(dataKey);
        if (!bytes)
          throw new UnrecoverableError(`sweep data ${dataSha256} is no longer in Redis (its TTL ran out)`);
        return decodeSweepData(bytes, dataSha256);
      })();
      data.catch(() => cache.delete(dataSha256));
    }
    cache.set(dataSha256, data);
    while (cache.size > dataCacheMax) cache.delete(cache.keys().next().value as string);
    return data;
  };

  const processJob = async (job: Job<SweepJobData>): Promise<string> => {
    const task = decodeJobTask(job.data.task);
    logger.info({ job: job.id, run: task.index, attempt: job.attemptsMade + 1 }, 'job taken');
    const data = await dataOf(job);
    // an explicit timer: piscina stops the thread running the task when this aborts
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), job.data.timeoutMs);
    const startedAtMs = Date.now();
    let result;
    try {
      result = await executor.run({ ...task, data }, timeout.signal);
    } catch (error) {
      if (timeout.signal.aborted) throw new Error(`the backtest took over ${job.data.timeoutMs} ms`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    logger.info({ job: job.id, run: task.index, ms: Date.now() - startedAtMs }, 'job done');
    return encodeJobReturn({ workerId, result });
  };

  const worker = new Worker<SweepJobData, string>(options.queue ?? defaultSweepQueue, processJob, {
    connection: { url: options.redisUrl },
    prefix: options.prefix ?? defaultSweepPrefix,
    name: workerId,
    concurrency,
    lockDuration: lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? lockDurationMs,
    maxStalledCount: 1,
  });
  // 'ready' comes once the blocking connection (the one senders count workers by) is named
  const listening = new Promise<void>((resolve) => worker.once('ready', () => resolve()));
  worker.on('completed', () => done++);
  worker.on('failed', (job, error) => {
    failed++;
    logger.warn({ job: job?.id, attempt: job?.attemptsMade, reason: error.message }, 'job failed');
  });
  worker.on('error', (error) => logger.error({ reason: error.message }, 'queue error'));

  return {
    workerId,
    async ready(timeoutMs = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection in ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.all([worker.waitUntilReady(), listening]), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(force = false) {
      await worker.close(force);
      await Promise.allSettled([executor.close(), redis.quit()]);
    },
    stats: () => ({ done, failed }),
  };
}
