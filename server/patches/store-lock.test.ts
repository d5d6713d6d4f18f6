import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreBusyError, StoreLockLostError } from './errors';
import { StoreLock, storeLockStaleMs } from './store-lock';

const dirs: string[] = [];
function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('StoreLock', () => {
  it('holds a .lock folder while the work runs and removes it after, also when the work fails', async () => {
    const dir = storeDir();
    const lock = new StoreLock(dir);
    const seen = await lock.run(async () => existsSync(join(dir, '.lock')));
    expect(seen).toBe(true);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
    await expect(lock.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('runs the work of two lock objects on one folder one at a time', async () => {
    const dir = storeDir();
    const log: string[] = [];
    const job = (lock: StoreLock, label: string) =>
      lock.run(async () => {
        log.push(`start ${label}`);
        await tick();
        await tick();
        log.push(`end ${label}`);
      });
    await Promise.all([
      job(new StoreLock(dir), 'a'),
      job(new StoreLock(dir), 'b'),
      job(new StoreLock(dir), 'c'),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('waits for a lock another process holds, then gives up with StoreBusyError', async () => {
    const dir = storeDir();
    mkdirSync(join(dir, '.lock')); // fresh: as if another process holds it right now
    const error = await new StoreLock(dir, { waitMs: 300 }).run(async () => 'ran').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreBusyError);
    expect((error as Error).message).toMatch(
      /^the patch store is busy: another PatchDesk process kept it locked/,
    );
    expect((error as Error).message).not.toContain(dir);
    expect(existsSync(join(dir, '.lock'))).toBe(true); // someone else's lock is not ours to remove
  });

  it('reports StoreLockLostError when the lock was taken away while the work ran', async () => {
    const dir = storeDir();
    const lock = new StoreLock(dir, { staleMs: 2_000 });
    const error = await lock
      .run(async () => {
        rmSync(join(dir, '.lock'), { recursive: true }); // as if another process took it over
        await new Promise((resolve) => setTimeout(resolve, 2_500)); // the holder checks every second
        return 'written';
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockLostError);
    expect((error as Error).message).toMatch(/check the newest versions before saving again$/);
  });

  it('takes over a lock left by a process that died (not touched for the stale time)', async () => {
    const dir = storeDir();
    mkdirSync(join(dir, '.lock'));
    const oldSeconds = (Date.now() - storeLockStaleMs - 5_000) / 1000;
    utimesSync(join(dir, '.lock'), oldSeconds, oldSeconds);
    expect(await new StoreLock(dir, { waitMs: 300 }).run(async () => 'ran')).toBe('ran');
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});
