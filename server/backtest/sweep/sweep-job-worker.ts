// A `patchdesk worker` taking sweep jobs (bullmq-sweep-queue.ts) from BullMQ: `concurrency`
// jobs at once, each backtest on its own worker thread (so this thread stays free to renew the
// jobs' locks: a lock that runs out makes BullMQ hand the job to another worker). The data blob
// is read from Redis once per sweep and kept (the last `dataCacheMax` of them). A job of a
// cancelled sweep (its cancel key is set) is skipped, or, when running, stopped at the backtest's
// next slice through a shared flag the thread reads; it then fails without retry, as 'sweep
// cancelled', and the worker takes the next job.
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
  /** How often a running job's cancel key is read (default 250 ms). */
  cancelPollMs?: number;
}

export interface SweepJobWorker {
  readonly workerId: string;
  /** Resolves once connected and taking jobs; rejects after `timeoutMs` (default 20 s) without. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops taking jobs; waits for the running ones to finish (force: leaves them to be retried). */
  close(force?: boolean): Promise<void>;
  stats(): { done: number; failed: number; cancelled: number };
}

export function startSweepJobWorker(options: SweepJobWorkerOptions): SweepJobWorker {
  const { logger, workerId } = options;
  const concurrency = options.concurrency ?? 1;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const dataCacheMax = options.dataCacheMax ?? 4;
  const executor = threadExecutor(concurrency);
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const cache = new Map<string, Promise<SweepData>>();
  const cancelPollMs = options.cancelPollMs ?? 250;
  let done = 0;
  let failed = 0;
  let cancelled = 0;

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

  const isCancelled = async (key: string | undefined): Promise<boolean> =>
    key !== undefined && (await redis.exists(key)) > 0;

  /** Ends a cancelled job: failed, without another try (UnrecoverableError), and logged as such. */
  const cancelledJob = (job: Job<SweepJobData>, run: number, barsDone: number, barsTotal: number) => {
    cancelled++;
    logger.info({ job: job.id, run, barsDone, barsTotal }, 'job cancelled');
    return new UnrecoverableError('sweep cancelled');
  };

  const processJob = async (job: Job<SweepJobData>): Promise<string> => {
    const task = decodeJobTask(job.data.task);
    const barsTotal = task.barTo - task.barFrom;
    logger.info({ job: job.id, run: task.index, attempt: job.attemptsMade + 1 }, 'job taken');
    const { cancelKey } = job.data;
    if (await isCancelled(cancelKey)) throw cancelledJob(job, task.index, 0, barsTotal);
    const data = await dataOf(job);
    // an explicit timer: piscina stops the thread running the task when this aborts
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), job.data.timeoutMs);
    // the backtest's thread reads this flag at every slice; this thread sets it from Redis
    const stopFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    let polling = false;
    const poll = cancelKey
      ? setInterval(() => {
          if (polling) return; // a slow Redis: one read at a time
          polling = true;
          isCancelled(cancelKey)
            .then((yes) => {
              if (yes) Atomics.store(stopFlag, 0, 1);
            })
            .catch(() => undefined) // a lost read: the next one asks again
            .finally(() => (polling = false));
        }, cancelPollMs)
      : undefined;
    const startedAtMs = Date.now();
    logger.info({ job: job.id, run: task.index, bars: barsTotal }, 'job started');
    let result;
    try {
      result = await executor.run({ ...task, data, stopFlag }, timeout.signal);
    } catch (error) {
      if (timeout.signal.aborted) throw new Error(`the backtest took over ${job.data.timeoutMs} ms`);
      throw error;
    } finally {
      clearTimeout(timer);
      clearInterval(poll);
    }
    if (result.status === 'cancelled') throw cancelledJob(job, task.index, result.bars.count, barsTotal);
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
    if (error instanceof UnrecoverableError && error.message === 'sweep cancelled') return;
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
    stats: () => ({ done, failed, cancelled }),
  };
}
