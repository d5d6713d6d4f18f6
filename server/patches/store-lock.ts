// One writer at a time per patch store, across processes: the server, a second server and the
// `patchdesk` CLI may all write one folder. Every read-modify-write of versions.json, the
// version files, the newest files and the drafts holds this lock from its first read to its
// last write. Without it two processes read the same index, both write "version N+1" and one
// acknowledged version is lost (issue 7, item 4).
//
// The lock is a `.lock` folder in the store (proper-lockfile: mkdir is atomic on every local
// filesystem). Its holder touches it every few seconds; a lock left by a process that died is
// taken over once it is `storeLockStaleMs` old. Inside one process the writers queue on a
// promise chain first, so they wait in turn instead of polling the folder.
import { lock } from 'proper-lockfile';
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { StoreBusyError, StoreLockLostError } from './errors';
import { KeyedMutex } from './keyed-mutex';

/**
 * A lock not touched for this long belongs to a dead process and is taken over. Far above any
 * one write (milliseconds) and above an event-loop stall we would tolerate; a crash leaves the
 * store blocked for at most this long.
 */
export const storeLockStaleMs = 20_000;
/** How long a writer waits for the lock before giving up: a stale lock can be taken within it. */
export const storeLockWaitMs = storeLockStaleMs + 10_000;
const retryDelayMinMs = 2;
const retryDelayMaxMs = 100;
const retryDelayFactor = 1.5;

/** In-process queue per store folder, shared by every PatchStore on that folder in this process. */
const processQueue = new KeyedMutex();

export interface StoreLockOptions {
  /** How long to wait for the lock (tests shorten it). */
  waitMs?: number;
  /** When an untouched lock counts as abandoned (tests shorten it; proper-lockfile's floor is 2 s). */
  staleMs?: number;
}

export class StoreLock {
  private readonly root: string;
  private readonly lockPath: string;
  private readonly waitMs: number;
  private readonly staleMs: number;

  constructor(rootDir: string, options: StoreLockOptions = {}) {
    this.root = resolve(rootDir);
    this.lockPath = join(this.root, '.lock');
    this.waitMs = options.waitMs ?? storeLockWaitMs;
    this.staleMs = options.staleMs ?? storeLockStaleMs;
  }

  /** Runs `work` holding the store's lock in this process and across processes. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    return processQueue.run([this.root], async () => {
      await mkdir(this.root, { recursive: true });
      let lost: Error | null = null;
      const release = await this.acquire((error) => (lost = error));
      let result: T;
      try {
        result = await work();
      } finally {
        // A lock already taken over cannot be released; that is reported just below.
        await release().catch(() => undefined);
      }
      if (lost) throw new StoreLockLostError();
      return result;
    });
  }

  private async acquire(onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
    try {
      return await lock(this.root, {
        lockfilePath: this.lockPath,
        realpath: false,
        stale: this.staleMs,
        onCompromised,
        retries: {
          retries: retriesWithin(this.waitMs),
          minTimeout: retryDelayMinMs,
          maxTimeout: retryDelayMaxMs,
          factor: retryDelayFactor,
          randomize: true, // up to 2x each delay, so two waiters do not poll in step
        },
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ELOCKED') throw new StoreBusyError(this.waitMs);
      throw error;
    }
  }
}

/** Retries whose shortest delays (2 ms growing 1.5x to 100 ms) add up to at least `waitMs`. */
function retriesWithin(waitMs: number): number {
  let retries = 0;
  for (let waitedMs = 0; waitedMs < waitMs; retries++) {
    waitedMs += Math.min(retryDelayMinMs * retryDelayFactor ** retries, retryDelayMaxMs);
  }
  return retries;
}
