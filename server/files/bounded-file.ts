// Reading files that someone outside the process named (an operator's flag, a config file, a
// patch on disk): only regular files, only up to a stated size, and errors that name the file
// by the label the caller gives (never its absolute path) and never quote its contents.
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** A file was refused or could not be read; `message` is safe to show to a client. */
export class FileRefusedError extends Error {
  override readonly name = 'FileRefusedError';
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'NOT_REGULAR' | 'TOO_LARGE' | 'UNREADABLE',
  ) {
    super(message);
  }
}

export interface BoundedFileOptions {
  /** Largest size accepted, in bytes. */
  maxBytes: number;
  /** How the file is named in errors, e.g. "patch file 'demo.json'" (no absolute path). */
  label: string;
}

/** Checks that `path` is a regular file of at most `maxBytes`; returns its stats. */
export async function checkBoundedFile(path: string, options: BoundedFileOptions): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw refusalFor(error, options.label);
  }
  if (!info.isFile()) {
    throw new FileRefusedError(`${options.label} is not a regular file`, 'NOT_REGULAR');
  }
  if (info.size > options.maxBytes) {
    throw new FileRefusedError(
      `${options.label} is ${formatBytes(info.size)}, over the limit of ${formatBytes(options.maxBytes)}`,
      'TOO_LARGE',
    );
  }
  return info;
}

/**
 * Reads a regular file of at most `maxBytes` as UTF-8. The size is checked before reading and
 * again while reading (a file that grows in between is still refused), so memory stays bounded.
 */
export async function readBoundedFile(path: string, options: BoundedFileOptions): Promise<string> {
  await checkBoundedFile(path, options);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw refusalFor(error, options.label);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FileRefusedError(`${options.label} is not a regular file`, 'NOT_REGULAR');
    const buffer = Buffer.allocUnsafe(Math.min(options.maxBytes + 1, Math.max(info.size + 1, 1)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        throw new FileRefusedError(
          `${options.label} is over the limit of ${formatBytes(options.maxBytes)}`,
          'TOO_LARGE',
        );
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) {
      throw new FileRefusedError(
        `${options.label} is over the limit of ${formatBytes(options.maxBytes)}`,
        'TOO_LARGE',
      );
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof FileRefusedError) throw error;
    throw refusalFor(error, options.label);
  } finally {
    await handle.close();
  }
}

function refusalFor(error: unknown, label: string): FileRefusedError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new FileRefusedError(`${label} does not exist`, 'NOT_FOUND');
  if (code === 'EISDIR') return new FileRefusedError(`${label} is not a regular file`, 'NOT_REGULAR');
  if (code === 'EACCES' || code === 'EPERM')
    return new FileRefusedError(`${label} cannot be read (permission denied)`, 'UNREADABLE');
  return new FileRefusedError(`${label} cannot be read`, 'UNREADABLE');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
