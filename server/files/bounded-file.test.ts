import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileRefusedError, checkBoundedFile, readBoundedFile } from './bounded-file';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'bounded-file-'));
}

describe('readBoundedFile', () => {
  it('reads a regular file under the limit', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'hello');
    expect(await readBoundedFile(join(dir, 'a.txt'), { maxBytes: 10, label: "file 'a.txt'" })).toBe('hello');
  });

  it('refuses a file over the limit without quoting it or its path', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'big.txt'), 'secret-content'.repeat(10));
    const error = await readBoundedFile(join(dir, 'big.txt'), {
      maxBytes: 20,
      label: "file 'big.txt'",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileRefusedError);
    expect((error as FileRefusedError).code).toBe('TOO_LARGE');
    expect((error as Error).message).toBe("file 'big.txt' is 140 bytes, over the limit of 20 bytes");
    expect((error as Error).message).not.toContain(dir);
  });

  it('refuses a directory, a device and a missing file with the label only', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sub'));
    await expect(readBoundedFile(join(dir, 'sub'), { maxBytes: 10, label: 'the data' })).rejects.toThrow(
      'the data is not a regular file',
    );
    await expect(readBoundedFile('/dev/zero', { maxBytes: 10, label: 'the data' })).rejects.toThrow(
      'the data is not a regular file',
    );
    await expect(readBoundedFile(join(dir, 'nope'), { maxBytes: 10, label: 'the data' })).rejects.toThrow(
      'the data does not exist',
    );
  });

  it('checkBoundedFile returns the stats of an accepted file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'abc');
    expect((await checkBoundedFile(join(dir, 'a.txt'), { maxBytes: 3, label: 'x' })).size).toBe(3);
  });
});
