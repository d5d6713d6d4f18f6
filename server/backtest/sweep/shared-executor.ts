// One worker pool shared by every sweep the server runs. Each sweep keeps at most the pool's
// concurrency in flight; this gate lets only that many tasks into the pool across all sweeps
// (piscina's own queue stays empty) and holds the rest in a FIFO of bounded length, so sweeps
// take turns run by run. A task whose sweep is cancelled while it waits leaves the queue at once.
import type { SweepExecutor } from './executors';
import type { SweepRunResult, SweepTask } from './sweep-task';

export class SweepQueueFullError extends Error {
  override readonly name = 'SweepQueueFullError';
}

interface Waiting {
  start(): void;
  fail(error: Error): void;
}

export interface SharedExecutor {
  /** An executor for one sweep: the pool's concurrency, closing it does not close the pool. */
  forSweep(): SweepExecutor;
  /** Tasks waiting for a slot now. */
  readonly waiting: number;
  close(): Promise<void>;
}

/**
 * `waitingMax` bounds the queue: with at most S sweeps each holding at most `concurrency`
 * tasks, S × concurrency is enough; more is our bug and is refused loudly.
 */
export function sharedExecutor(pool: () => SweepExecutor, waitingMax: number): SharedExecutor {
  let inner: SweepExecutor | null = null;
  const open = (): SweepExecutor => (inner ??= pool());
  let running = 0;
  const queue: Waiting[] = [];

  // A finished task hands its slot straight to the oldest waiting one (running stays the same),
  // so a task arriving in between cannot slip past the limit.
  const release = (): void => {
    const next = queue.shift();
    if (next) next.start();
    else running--;
  };

  const run = async (task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult> => {
    const executor = open();
    if (running < executor.concurrency) running++;
    else {
      if (queue.length >= waitingMax)
        throw new SweepQueueFullError(`more than ${waitingMax} sweep runs waiting`);
      await new Promise<void>((resolve, reject) => {
        const entry: Waiting = {
          start: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          fail: reject,
        };
        const onAbort = (): void => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(new Error('cancelled'));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
      });
    }
    try {
      return await executor.run(task, signal);
    } finally {
      release();
    }
  };

  return {
    forSweep: () => ({
      get concurrency() {
        return open().concurrency;
      },
      run,
      close: () => Promise.resolve(),
    }),
    get waiting() {
      return queue.length;
    },
    async close() {
      for (const entry of queue.splice(0)) entry.fail(new Error('the server is stopping'));
      await inner?.close();
      inner = null;
    },
  };
}
