// Where sweep tasks run. In this thread (the reference the others are tested equal to), or on
// a piscina pool of worker threads. A sweep sends its tasks through one of these.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runSweepTask, type SweepRunResult, type SweepTask } from './sweep-task';

export interface SweepExecutor {
  /** Tasks this executor runs at once (the sweep keeps this many in flight). */
  readonly concurrency: number;
  run(task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult>;
  close(): Promise<void>;
}

export const sweepThreadsMax = 64;

export function inProcessExecutor(): SweepExecutor {
  return { concurrency: 1, run: runSweepTask, close: () => Promise.resolve() };
}

/** A piscina pool of `threads` worker threads (default: the machine's cores). */
export function threadExecutor(threads = availableParallelism()): SweepExecutor {
  if (!Number.isInteger(threads) || threads < 1 || threads > sweepThreadsMax) {
    throw new RangeError(`threads ${threads} must be an integer in [1, ${sweepThreadsMax}]`);
  }
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    // the sweep keeps at most `threads` tasks in flight, so the queue never grows
    maxQueue: threads,
    idleTimeout: 1_000,
  });
  return {
    concurrency: threads,
    run: (task, signal) => pool.run(task, { signal }) as Promise<SweepRunResult>,
    close: () => pool.destroy(),
  };
}

/** The built worker beside the built CLI, or the TypeScript one through its tsx shim. */
function workerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? './sweep-worker-dev.mjs' : './sweep-worker.js', here));
}
