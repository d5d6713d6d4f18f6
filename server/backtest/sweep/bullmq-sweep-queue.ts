// A sweep executor over a BullMQ queue: each run of the sweep is one job, taken by any number of
// `patchdesk worker` processes on any machine that reaches the Redis; the result comes back as
// the job's return value (through QueueEvents). The data goes once, as a content-addressed blob
// with a TTL (sweep-data-blob.ts). Bounded everywhere: `inFlight` jobs per sweep (runSweep keeps
// no more), a queue length past which a sweep waits (then fails), a per-job timeout enforced by
// the worker, `attempts` tries per job, and a dead worker's job retried by another (BullMQ's
// stalled-job check: its lock runs out and a live worker moves it back to the queue).
// Cancelling (the sweep's AbortSignal) removes the waiting jobs and sets the sweep's cancel key
// in Redis, which the workers poll while they run its jobs: a running backtest stops early.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { SweepExecutor } from './executors';
import { encodeSweepData } from './sweep-data-blob';
import {
  decodeJobReturn,
  defaultSweepPrefix,
  defaultSweepQueue,
  encodeJobTask,
  sweepCancelKey,
  sweepDataKey,
  sweepJobName,
  type SweepJobData,
} from './sweep-job';
import type { SweepData, SweepRunResult, SweepTask } from './sweep-task';

export interface BullmqSweepOptions {
  redisUrl: string;
  queue?: string;
  prefix?: string;
  /** Jobs of this sweep on the queue at once (default 32). */
  inFlight?: number;
  /** A worker gives up a backtest after this long (default 10 minutes). */
  jobTimeoutMs?: number;
  /** Tries per job, the first included (default 3). */
  attempts?: number;
  /** Waiting + active jobs of all senders past which this one waits for room (default 10,000). */
  queueLengthMax?: number;
  /** How long to wait for room in a full queue before failing (default 5 minutes). */
  queueFullWaitMs?: number;
  /** Seconds the data blob lives in Redis after the last job that used it was sent (default 1 hour). */
  dataTtlS?: number;
}

export class SweepQueueError extends Error {}

export const sweepInFlightMax = 1_000;

export interface BullmqSweepExecutor extends SweepExecutor {
  /** The worker id that ran each finished run, by run index (which workers took the jobs). */
  runsBy(): ReadonlyMap<number, string>;
}

export async function bullmqSweepExecutor(options: BullmqSweepOptions): Promise<BullmqSweepExecutor> {
  const queueName = options.queue ?? defaultSweepQueue;
  const prefix = options.prefix ?? defaultSweepPrefix;
  const inFlight = options.inFlight ?? 32;
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > sweepInFlightMax) {
    throw new RangeError(`inFlight ${inFlight} must be an integer in [1, ${sweepInFlightMax}]`);
  }
  const jobTimeoutMs = options.jobTimeoutMs ?? 600_000;
  const attempts = options.attempts ?? 3;
  const queueLengthMax = options.queueLengthMax ?? 10_000;
  const queueFullWaitMs = options.queueFullWaitMs ?? 300_000;
  const dataTtlS = options.dataTtlS ?? 3_600;
  const connection = { url: options.redisUrl, lazyConnect: false };
  const queue = new Queue(queueName, { connection, prefix });
  const events = new QueueEvents(queueName, { connection, prefix });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  const closeAll = async () => {
    await Promise.allSettled([queue.close(), events.close(), redis.quit()]);
  };
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    if ((await queue.getWorkersCount()) === 0) {
      throw new SweepQueueError(
        `no patchdesk worker takes jobs from queue "${queueName}" on this Redis: start \`patchdesk worker\` or run locally`,
      );
    }
  } catch (error) {
    await closeAll();
    if (error instanceof SweepQueueError) throw error;
    throw new SweepQueueError(`cannot reach the sweep queue on Redis: ${(error as Error).message}`);
  }

  const blobs = new WeakMap<SweepData, Promise<{ key: string; sha256: string }>>();
  const runsBy = new Map<number, string>();
  // a sweep is known by its AbortSignal (one executor may run several sweeps, one after another)
  const cancelKeys = new WeakMap<AbortSignal, string>();
  // the key outlives every job of the sweep: a job can wait this long for an answer
  const cancelTtlS = Math.ceil((attempts * (jobTimeoutMs + 60_000)) / 1_000);
  const cancelKeyOf = (signal: AbortSignal): string => {
    let key = cancelKeys.get(signal);
    if (!key) {
      key = sweepCancelKey(prefix, queueName, randomUUID());
      cancelKeys.set(signal, key);
    }
    return key;
  };

  /** Stores the data blob once per data object (SET NX: another sweep may hold the same bytes). */
  const storeData = (data: SweepData) => {
    let stored = blobs.get(data);
    if (!stored) {
      stored = (async () => {
        const blob = encodeSweepData(data);
        const key = sweepDataKey(prefix, queueName, blob.sha256);
        await redis.set(key, blob.bytes, 'EX', dataTtlS, 'NX');
        return { key, sha256: blob.sha256 };
      })();
      blobs.set(data, stored);
    }
    return stored;
  };

  const waitForRoom = async (signal?: AbortSignal) => {
    const startedAtMs = Date.now();
    while (
      (await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed', 'active')) >= queueLengthMax
    ) {
      if (signal?.aborted) throw new SweepQueueError('sweep cancelled');
      if (Date.now() - startedAtMs > queueFullWaitMs) {
        throw new SweepQueueError(
          `queue "${queueName}" held ${queueLengthMax} jobs for ${queueFullWaitMs} ms: no room for this sweep`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const run = (task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult> =>
    sendAndWait(task, signal).catch((error: unknown) => {
      if (error instanceof SweepQueueError) throw error;
      // Redis or encoding failures: what and where, for a one-line message
      throw new SweepQueueError(`sweep run ${task.index} could not be queued: ${(error as Error).message}`);
    });

  const sendAndWait = async (task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult> => {
    const text = encodeJobTask(task);
    const blob = await storeData(task.data);
    // every job sent keeps the blob alive for another TTL
    await redis.expire(blob.key, dataTtlS);
    await waitForRoom(signal);
    const data: SweepJobData = {
      task: text,
      dataKey: blob.key,
      dataSha256: blob.sha256,
      timeoutMs: jobTimeoutMs,
      ...(signal ? { cancelKey: cancelKeyOf(signal) } : {}),
    };
    const job = await queue.add(sweepJobName, data, {
      attempts,
      backoff: { type: 'fixed', delay: 1_000 },
      removeOnComplete: { age: 3_600, count: 10_000 },
      removeOnFail: { age: 86_400, count: 10_000 },
    });
    // a job can take a timeout per try, plus the lock time of a dead worker and the backoff
    const waitMs = attempts * (jobTimeoutMs + 60_000);
    const finished = job.waitUntilFinished(events, waitMs) as Promise<string>;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => {
        // a waiting job is removed; a running one (locked, so remove fails) sees the cancel key
        // and stops at its next slice; either way nothing of it is returned
        if (data.cancelKey) void redis.set(data.cancelKey, '1', 'EX', cancelTtlS).catch(() => undefined);
        void job.remove().catch(() => undefined);
        reject(new SweepQueueError('sweep cancelled'));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const returned = decodeJobReturn(await Promise.race([finished, aborted]));
      runsBy.set(task.index, returned.workerId);
      return returned.result;
    } catch (error) {
      if (error instanceof SweepQueueError) throw error;
      throw new SweepQueueError(
        `sweep run ${task.index} (job ${job.id}) failed: ${(error as Error).message}`,
      );
    } finally {
      finished.catch(() => undefined);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  };

  return { concurrency: inFlight, run, close: closeAll, runsBy: () => runsBy };
}
