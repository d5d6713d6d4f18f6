import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch } from '@patchdesk/modules/patch/types';
import {
  CorruptPatchFileError,
  InvalidPatchError,
  InvalidPatchNameError,
  PatchExistsError,
  PatchNotFoundError,
  VersionConflictError,
} from './errors';
import { PatchStore } from './patch-store';

let root: string;
let clockMs: number;
let store: PatchStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'patch-store-'));
  clockMs = 1_700_000_000_000;
  store = new PatchStore(root, { now: () => clockMs++ });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function patch(period: number, description = 'ema'): Patch {
  return {
    schemaVersion: 1,
    name: 'cross',
    description,
    modules: [
      { id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'ema', type: 'indicators/ema', params: { period }, position: { x: 100, y: 0 } },
    ],
    cables: [{ from: { module: 'src', port: 'close' }, to: { module: 'ema', port: 'price' } }],
  };
}

/** Every file under root, relative, sorted: to prove a failed call wrote nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(root.length + 1)] = await readFile(path, 'utf8');
  }
  return out;
}

async function tempFiles(): Promise<string[]> {
  return Object.keys(await snapshot()).filter((path) => path.endsWith('.tmp'));
}

describe('PatchStore save and get', () => {
  it('writes the newest file in canonical form, a version file and the index', async () => {
    const info = await store.save('cross', patch(10), { message: 'first', baseVersion: 0 });
    expect(info).toMatchObject({ version: 1, message: 'first', savedAtMs: 1_700_000_000_000 });
    expect(info.hash).toMatch(/^[0-9a-f]{64}$/);
    const files = await snapshot();
    expect(files['cross.json']).toBe(serializePatch(patch(10)));
    expect(files['.history/cross/v000001.json']).toBe(serializePatch(patch(10)));
    expect(JSON.parse(files['.history/cross/versions.json'])).toEqual({ versions: [info] });
    expect(await store.get('cross')).toEqual(patch(10));
    expect(await store.versions('cross')).toEqual([info]);
  });

  it('never rewrites an old version', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    const v1Bytes = (await snapshot())['.history/cross/v000001.json'];
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    await store.save('cross', patch(30), { message: 'c', baseVersion: 2 });
    expect((await snapshot())['.history/cross/v000001.json']).toBe(v1Bytes);
    expect((await store.get('cross', 1)).modules[1].params.period).toBe(10);
    expect((await store.get('cross', 2)).modules[1].params.period).toBe(20);
    expect((await store.get('cross')).modules[1].params.period).toBe(30);
    expect((await store.versions('cross')).map((v) => v.message)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a save based on a stale version, changing nothing', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    const before = await snapshot();
    const error = await store
      .save('cross', patch(99), { message: 'late', baseVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('serialises concurrent saves: exactly one of two saves on the same base wins', async () => {
    const results = await Promise.allSettled([
      store.save('cross', patch(1), { message: 'one', baseVersion: 0 }),
      store.save('cross', patch(2), { message: 'two', baseVersion: 0 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(VersionConflictError);
    expect(await store.versions('cross')).toHaveLength(1);
  });

  it('refuses an invalid patch or message and writes nothing', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    const before = await snapshot();
    const bad = { ...patch(10), modules: [{ id: 'a.b', type: 'x', params: {}, position: { x: 0, y: 0 } }] };
    await expect(store.save('cross', bad, { message: 'b', baseVersion: 1 })).rejects.toThrow(
      InvalidPatchError,
    );
    await expect(
      store.save('cross', patch(1), { message: 'm'.repeat(1001), baseVersion: 1 }),
    ).rejects.toThrow(InvalidPatchError);
    await expect(store.save('cross', patch(1), { message: 'm', baseVersion: -1 })).rejects.toThrow(
      InvalidPatchError,
    );
    await expect(store.saveDraft('cross', bad)).rejects.toThrow(InvalidPatchError);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the old files intact when a write fails', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    const before = await snapshot();
    // Something in the way of the next version file makes its rename fail (works even as root).
    await mkdir(join(root, '.history/cross/v000002.json'));
    await expect(store.save('cross', patch(20), { message: 'b', baseVersion: 1 })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect(await store.get('cross')).toEqual(patch(10));
    expect(await store.versions('cross')).toHaveLength(1);
  });

  it('ignores temp files left by a crash and leaves none of its own', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, '.cross.json.999.abcdef.tmp'), '{"half": ');
    await writeFile(join(root, '.history/cross/.v000002.json.999.abcdef.tmp'), '{"half": ');
    expect((await store.list()).map((e) => e.name)).toEqual(['cross']);
    expect(await store.get('cross')).toEqual(patch(10));
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    expect((await tempFiles()).sort()).toEqual([
      '.cross.json.999.abcdef.tmp',
      '.history/cross/.v000002.json.999.abcdef.tmp',
    ]);
  });

  it('removes temp files over a minute old when a store object first writes, keeping newer ones', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await mkdir(join(root, '.drafts'), { recursive: true });
    const stale = [
      '.cross.json.1.aaaaaa.tmp',
      '.drafts/.cross.json.1.bbbbbb.tmp',
      '.history/cross/.v000002.json.1.cccccc.tmp',
    ];
    const twoMinutesAgo = (Date.now() - 120_000) / 1000;
    for (const path of stale) {
      await writeFile(join(root, path), '{"half": ');
      await utimes(join(root, path), twoMinutesAgo, twoMinutesAgo);
    }
    await writeFile(join(root, '.cross.json.2.dddddd.tmp'), '{"half": '); // a write in progress
    await new PatchStore(root).saveDraft('cross', patch(11));
    expect(await tempFiles()).toEqual(['.cross.json.2.dddddd.tmp']);
  });

  it('lists a patch it cannot read with a message that names the patch, not a server path', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await rm(join(root, 'cross.json'));
    await mkdir(join(root, 'cross.json')); // a folder where the file should be
    const [entry] = await store.list();
    expect(entry.error).toBe(
      "patch 'cross' (cross.json) is not a regular file; fix cross.json or restore a saved version",
    );
  });

  it('overwrites an unindexed version file left by a crash before the index was written', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, '.history/cross/v000002.json'), serializePatch(patch(666)));
    const info = await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    expect(info.version).toBe(2);
    expect((await store.get('cross', 2)).modules[1].params.period).toBe(20);
  });

  it('detects a version file that no longer matches its recorded hash', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, '.history/cross/v000001.json'), serializePatch(patch(11)));
    const error = await store.get('cross', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptPatchFileError);
    expect((error as Error).message).toBe(
      "patch 'cross' version 1 is corrupt (its content does not match the hash recorded when it was saved); " +
        'restore another version',
    );
    expect(error).toMatchObject({ patchName: 'cross', storePath: '.history/cross/v000001.json' });
  });

  it('refuses names that escape the folder, everywhere', async () => {
    for (const name of ['../evil', '/etc/passwd', 'a/b', '..', '.history']) {
      await expect(store.save(name, patch(1), { message: '', baseVersion: 0 })).rejects.toThrow(
        InvalidPatchNameError,
      );
      await expect(store.get(name)).rejects.toThrow(InvalidPatchNameError);
      await expect(store.saveDraft(name, patch(1))).rejects.toThrow(InvalidPatchNameError);
      await expect(store.rename('ok', name)).rejects.toThrow(InvalidPatchNameError);
    }
    expect(await snapshot()).toEqual({});
  });

  it('reports missing patches and versions', async () => {
    await expect(store.get('nope')).rejects.toThrow(PatchNotFoundError);
    await expect(store.versions('nope')).rejects.toThrow(PatchNotFoundError);
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await expect(store.get('cross', 2)).rejects.toThrow(/has no version 2/);
    await expect(store.get('cross', 0)).rejects.toThrow(PatchNotFoundError);
    await expect(store.get('cross', 1.5)).rejects.toThrow(PatchNotFoundError);
  });
});

describe('PatchStore files without history and outside edits', () => {
  it('treats a hand-written file as version 0 and keeps it as version 1 on the first save', async () => {
    const example = JSON.stringify(patch(7, 'example'));
    await writeFile(join(root, 'example.json'), example);
    expect(await store.list()).toEqual([{ name: 'example', description: 'example', latestVersion: 0 }]);
    expect(await store.get('example', 0)).toEqual(patch(7, 'example'));
    expect(await store.versions('example')).toEqual([]);
    const info = await store.save('example', patch(8), { message: 'tuned', baseVersion: 0 });
    expect(info.version).toBe(2);
    expect(await store.get('example', 1)).toEqual(patch(7, 'example'));
    expect((await store.versions('example')).map((v) => v.message)).toEqual([
      'example.json before its first save',
      'tuned',
    ]);
    await expect(store.get('example', 0)).rejects.toThrow(PatchNotFoundError);
  });

  it('records an edit made to the file outside PatchDesk before replacing it', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, 'cross.json'), JSON.stringify(patch(15)));
    expect((await store.get('cross')).modules[1].params.period).toBe(15);
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    expect((await store.versions('cross')).map((v) => v.message)).toEqual([
      'a',
      'changes made to cross.json outside PatchDesk',
      'b',
    ]);
    expect((await store.get('cross', 2)).modules[1].params.period).toBe(15);
  });

  it('does not record a formatting-only change', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, 'cross.json'), JSON.stringify(patch(10)));
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    expect(await store.versions('cross')).toHaveLength(2);
  });

  it('names a corrupt file, lists it with the error, and keeps its bytes when a save replaces it', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await writeFile(join(root, 'cross.json'), '{ "schemaVersion": 1,, }');
    const error = await store.get('cross').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptPatchFileError);
    expect((error as Error).message).toMatch(
      /^patch 'cross' \(cross\.json\) is not a valid patch: not valid JSON at line 1, column \d+: .*; fix cross\.json or restore a saved version$/,
    );
    expect((error as Error).message).not.toContain(root);
    const [entry] = await store.list();
    expect(entry.name).toBe('cross');
    expect(entry.error).toBe((error as Error).message);
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    const files = await snapshot();
    const kept = Object.keys(files).filter((path) => path.startsWith('.history/cross/unreadable-'));
    expect(kept.map((path) => files[path])).toEqual(['{ "schemaVersion": 1,, }']);
    expect(await store.get('cross')).toEqual(patch(20));
  });

  it('falls back to the newest version when the file itself is missing', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await rm(join(root, 'cross.json'));
    expect(await store.get('cross')).toEqual(patch(10));
    expect((await store.list()).map((e) => [e.name, e.latestVersion])).toEqual([['cross', 1]]);
  });
});

describe('PatchStore diff, restore, rename, drafts', () => {
  it('diffs two versions', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    const diff = await store.diff('cross', 1, 2);
    expect(diff.paramsChanged).toEqual([{ moduleId: 'ema', param: 'period', from: 10, to: 20 }]);
  });

  it('restores an old version as a new one, leaving history as it was', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await store.save('cross', patch(20), { message: 'b', baseVersion: 1 });
    const info = await store.restore('cross', 1);
    expect(info).toMatchObject({ version: 3, message: 'restore version 1' });
    expect(await store.get('cross')).toEqual(patch(10));
    expect((await store.get('cross', 2)).modules[1].params.period).toBe(20);
    await expect(store.restore('cross', 9)).rejects.toThrow(PatchNotFoundError);
  });

  it('renames the file, its history and its draft', async () => {
    await store.save('cross', patch(10), { message: 'a', baseVersion: 0 });
    await store.saveDraft('cross', patch(11));
    await store.rename('cross', 'cross v2');
    expect(await store.exists('cross')).toBe(false);
    expect(await store.getDraft('cross')).toBeNull();
    expect(await store.get('cross v2')).toEqual(patch(10));
    expect(await store.versions('cross v2')).toHaveLength(1);
    expect(await store.getDraft('cross v2')).toEqual(patch(11));
    expect((await store.list()).map((e) => e.name)).toEqual(['cross v2']);
  });

  it('refuses to rename onto an existing patch or from a missing one', async () => {
    await store.save('a', patch(1), { message: '', baseVersion: 0 });
    await store.save('b', patch(2), { message: '', baseVersion: 0 });
    const before = await snapshot();
    await expect(store.rename('a', 'b')).rejects.toThrow(PatchExistsError);
    await expect(store.rename('missing', 'c')).rejects.toThrow(PatchNotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps, returns and discards drafts', async () => {
    expect(await store.getDraft('cross')).toBeNull();
    await store.saveDraft('cross', patch(5));
    await store.saveDraft('cross', patch(6));
    expect(await store.getDraft('cross')).toEqual(patch(6));
    expect(await store.list()).toEqual([]);
    await store.discardDraft('cross');
    expect(await store.getDraft('cross')).toBeNull();
    await writeFile(join(root, '.drafts/cross.json'), 'not json');
    await expect(store.getDraft('cross')).rejects.toThrow(CorruptPatchFileError);
  });

  it('lists patches sorted with descriptions and versions', async () => {
    await store.save('zeta', patch(1, 'last'), { message: '', baseVersion: 0 });
    await store.save('alpha', patch(1, 'first'), { message: '', baseVersion: 0 });
    await store.save('alpha', patch(2, 'first again'), { message: '', baseVersion: 1 });
    await writeFile(join(root, 'not a patch!.json'), '{}');
    expect(await store.list()).toEqual([
      { name: 'alpha', description: 'first again', latestVersion: 2 },
      { name: 'zeta', description: 'last', latestVersion: 1 },
    ]);
  });
});
