// Crash-safe file writes: write a hidden temp file beside the target, fsync it, rename it over
// the target. A reader sees the old file or the new one, never half of one; a crash leaves at
// most a stray `.*.tmp` file, which the store ignores and removes once it is a minute old.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const directory = dirname(path);
  const temp = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Make the rename itself durable. Not every platform can open a directory; that is fine. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows and some filesystems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}

export function isTempFileName(fileName: string): boolean {
  return fileName.startsWith('.') && fileName.endsWith('.tmp');
}

/**
 * Removes `.*.tmp` files in `directory` last modified over `olderThanMs` ago: what a crash
 * between writing a temp file and renaming it leaves behind. A write in progress renames its
 * temp file within milliseconds, so a minute-old one is abandoned. Returns how many went.
 */
export async function removeStaleTempFiles(directory: string, olderThanMs: number): Promise<number> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return 0; // no such folder yet: nothing to clean
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !isTempFileName(entry.name)) continue;
    const path = join(directory, entry.name);
    try {
      if (Date.now() - (await stat(path)).mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed++;
    } catch {
      // gone already (another process cleaned it): fine
    }
  }
  return removed;
}
