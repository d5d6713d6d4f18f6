// Attack reproduction for issue 7, item 7 (and the patch store's part of item 8):
// `patchdesk validate /dev/zero` ended in an uncaught RangeError with a stack trace, and a
// 122 MB patch file took 7.7 s and 484 MB before it was refused. Every patch file reader now
// takes regular files only, of at most patchFileBytesMax (16 MiB), and says so in one line; the
// store's messages name the patch and which of its files, never an absolute path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { patchFileBytesMax, parsePatchJson } from '@patchdesk/modules/patch/schema';
import { CorruptPatchFileError } from '../patches/errors';
import { PatchStore } from '../patches/patch-store';
import { hasStackTrace, repoRoot, runCli, tempDir } from '../cli/testing';

const exampleText = readFileSync(join(repoRoot, 'patches/ema-cross-rsi.json'), 'utf8');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dir(): string {
  const path = tempDir('patchdesk-limits-');
  dirs.push(path);
  return path;
}

/** A sparse file of `bytes`: large on paper, instant to make. */
function bigFile(path: string, bytes: number): string {
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

describe('patchdesk validate refuses what is not a patch file, in one line', () => {
  it('/dev/zero: not a regular file, exit 2, no stack trace', async () => {
    const result = await runCli(['validate', '/dev/zero']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: "patchdesk: patch file '/dev/zero' is not a regular file\n",
    });
  });

  it('a folder and a named pipe (which would block a reader forever)', async () => {
    const folder = join(dir(), 'folder.json');
    mkdirSync(folder);
    const pipe = join(dir(), 'pipe.json');
    execFileSync('mkfifo', [pipe]);
    for (const path of [folder, pipe]) {
      const result = await runCli(['validate', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`patchdesk: patch file '${path}' is not a regular file\n`);
    }
  });

  it('a file over 16 MiB, without reading it', async () => {
    const path = bigFile(join(dir(), 'huge.json'), 122 * 1024 * 1024);
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`patchdesk: patch file '${path}' is 122.0 MiB, over the limit of 16.0 MiB\n`);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('`patchdesk run` reads the patch the same way', async () => {
    const result = await runCli(['run', '/dev/zero', '--bars', '/dev/null']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("patchdesk: patch file '/dev/zero' is not a regular file\n");
  });
});

describe('the patch language refuses oversized or absurdly nested text before parsing it', () => {
  it('over patchFileBytesMax characters', () => {
    const result = parsePatchJson(' '.repeat(patchFileBytesMax + 1));
    expect(result).toMatchObject({
      ok: false,
      problems: [{ code: 'SCHEMA_INVALID', message: 'a patch is at most 16.0 MiB; this one is 16.0 MiB' }],
    });
  });

  it('nested deeper than any patch, found without JSON.parse spending seconds on it', () => {
    const depth = 4_000_000;
    const text = exampleText.replace('"period": 12', `"period": ${'['.repeat(depth)}${']'.repeat(depth)}`);
    const line = exampleText.split('\n').findIndex((text) => text.includes('"period": 12')) + 1;
    const result = parsePatchJson(text);
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          code: 'SCHEMA_INVALID',
          message: expect.stringMatching(new RegExp(`^nested more than 32 levels deep at line ${line},`)),
        },
      ],
    });
  });

  it('says where JSON is broken without quoting the file', () => {
    const result = parsePatchJson('{"schemaVersion": 1, "name": tru}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toBe("not valid JSON: Unexpected token '}'");
  });
});

describe('the patch store refuses such files with messages that name the patch, not a path', () => {
  async function storeWithDemo(): Promise<{ root: string; store: PatchStore }> {
    const root = dir();
    const store = new PatchStore(root);
    const parsed = parsePatchJson(exampleText);
    if (!parsed.ok) throw new Error('the example does not parse');
    await store.save('demo', parsed.patch, { message: 'first', baseVersion: 0 });
    return { root, store };
  }

  async function refusal(work: Promise<unknown>): Promise<string> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorruptPatchFileError);
    return (error as Error).message;
  }

  it('a newest file that is /dev/zero: refused, listed with the reason, and set aside by the next save', async () => {
    const { root, store } = await storeWithDemo();
    rmSync(join(root, 'demo.json'));
    symlinkSync('/dev/zero', join(root, 'demo.json'));
    const message =
      "patch 'demo' (demo.json) is not a regular file; fix demo.json or restore a saved version";
    expect(await refusal(store.get('demo'))).toBe(message);
    expect(await store.list()).toEqual([{ name: 'demo', description: '', latestVersion: 0, error: message }]);
    const restored = await store.restore('demo', 1);
    expect(restored.version).toBe(2);
    expect((await store.get('demo')).name).toBe('EMA cross with RSI filter');
  });

  it('a version file grown past the limit, a history index that is a pipe, a draft that is a folder', async () => {
    const { root, store } = await storeWithDemo();
    bigFile(join(root, '.history/demo/v000001.json'), patchFileBytesMax + 1);
    expect(await refusal(store.get('demo', 1))).toBe(
      "patch 'demo' version 1 is 16.0 MiB, over the limit of 16.0 MiB; restore another version",
    );
    mkdirSync(join(root, '.drafts/demo.json'), { recursive: true });
    expect(await refusal(store.getDraft('demo'))).toBe(
      "the unsaved draft of patch 'demo' is not a regular file; move .drafts/demo.json out of the store to open " +
        'the newest saved version',
    );
    rmSync(join(root, '.history/demo/versions.json'));
    execFileSync('mkfifo', [join(root, '.history/demo/versions.json')]);
    const message = await refusal(store.versions('demo'));
    expect(message).toBe(
      "the version history of patch 'demo' is not a regular file; repair .history/demo/versions.json or move it " +
        'out of the store',
    );
    for (const text of [message, ...(await store.list()).map((entry) => entry.error ?? '')]) {
      expect(text).not.toContain(root);
    }
  });
});
