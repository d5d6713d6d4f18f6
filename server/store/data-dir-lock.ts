// One process at a time in an embedded PGlite data directory: two would both write and leave
// it unreadable. A lock file holds the owner's process id; a file whose process is gone (a
// crash, SIGKILL) is stale and taken over, so a restart after a kill needs no cleanup.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DataDirLockedError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(readonly ownerPid: number) {
    super(
      `store: the data directory is in use by process ${ownerPid}; stop it or pass another data directory`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

const attemptsMax = 5;

export function lockDataDir(lockPath: string): DataDirLock {
  for (let attempt = 0; attempt < attemptsMax; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => releaseIfOwned(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    // Our own pid means a second open in this process: as unsafe as another process.
    if (owner !== null && (owner === process.pid || isAlive(owner))) throw new DataDirLockedError(owner);
    rmSync(lockPath, { force: true }); // stale: its process is gone
  }
  throw new Error('store: could not take the data directory lock');
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(lockPath: string): void {
  if (readOwner(lockPath) === process.pid) rmSync(lockPath, { force: true });
}
