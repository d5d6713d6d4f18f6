import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { EditResult, PatchDocument, PatchSummary, VersionInfo } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import type { Patch, PatchEdit, PatchModule } from '@patchdesk/modules/patch/types';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let alice: HubConnection;
let bob: HubConnection;

beforeAll(async () => {
  test = await startTestServer();
  alice = await test.connect(hubPaths.patch);
  bob = await test.connect(hubPaths.patch, { protocol: 'json' });
});
afterAll(() => test.stop());

const module = (id: string, type: string, params: PatchModule['params'] = {}): PatchModule => ({
  id,
  type,
  params,
  position: { x: 0, y: 0 },
});

describe('PatchHub: catalog and listing', () => {
  it('serves the module catalog', async () => {
    const catalog = await alice.invoke<CatalogEntry[]>('getCatalog');
    const ema = catalog.find((entry) => entry.type === 'indicators/ema');
    expect(ema).toMatchObject({ category: 'indicators', inputs: [{ name: 'in', type: 'number' }] });
  });

  it('lists the patches in the store with version, dirty and running flags', async () => {
    const list = await alice.invoke<PatchSummary[]>('listPatches');
    // The examples ship with their first version (patches/.history).
    expect(list.find((summary) => summary.name === 'ema-cross-rsi')).toMatchObject({
      latestVersion: 1,
      dirty: false,
      running: false,
    });
  });

  it('answers an unknown patch and a bad name with a clear error', async () => {
    await expect(alice.invoke('getPatch', 'no-such-patch')).rejects.toThrow(
      'patch "no-such-patch" does not exist',
    );
    await expect(alice.invoke('createPatch', '../escape')).rejects.toThrow(/invalid patch name "..\/escape"/);
    await expect(alice.invoke('createPatch', 'ema-cross-rsi')).rejects.toThrow(
      'patch "ema-cross-rsi" already exists',
    );
  });

  it('takes an omitted optional argument sent as null, as JavaScript clients send it', async () => {
    const created = await alice.invoke<PatchDocument>('createPatch', 'no-description', undefined);
    expect(created.patch.description).toBe('');
  });
});

describe('PatchHub: editing together', () => {
  it('keeps two editors of one patch in step', async () => {
    const created = await alice.invoke<PatchDocument>('createPatch', 'shared', 'two editors');
    expect(created).toMatchObject({ name: 'shared', baseVersion: 1, revision: 0, dirty: false });
    await bob.invoke<PatchDocument>('getPatch', 'shared');
    const seenByBob: { edits: PatchEdit[]; revision: number }[] = [];
    bob.on('patchEdited', (name: string, edits: PatchEdit[], revision: number) => {
      if (name === 'shared') seenByBob.push({ edits, revision });
    });
    const calls: [string, ...unknown[]][] = [
      ['addModule', 'shared', module('bars', 'sources/bars')],
      ['addModule', 'shared', module('ema', 'indicators/ema', { period: 10 })],
      ['connect', 'shared', { from: { module: 'bars', port: 'close' }, to: { module: 'ema', port: 'in' } }],
      ['moveModule', 'shared', 'ema', { x: 240, y: 40 }],
      ['setParam', 'shared', 'ema', 'period', 20],
    ];
    for (const [method, ...args] of calls)
      expect(await alice.invoke<EditResult>(method, ...args)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(seenByBob).toHaveLength(calls.length));
    expect(seenByBob.map((message) => message.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(seenByBob[4].edits).toEqual([{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 20 }]);
    const bobsView = await bob.invoke<PatchDocument>('getPatch', 'shared');
    expect(bobsView.revision).toBe(5);
    expect(bobsView.patch.modules[1]).toMatchObject({ params: { period: 20 }, position: { x: 240, y: 40 } });
    expect(bobsView.patch.cables).toHaveLength(1);
  });

  it('refuses a type mismatch and a cycle with code and message, leaving the patch unchanged', async () => {
    await alice.invoke('createPatch', 'refusals');
    await alice.invoke('applyEdits', 'refusals', [
      { kind: 'addModule', module: module('bars', 'sources/bars') },
      { kind: 'addModule', module: module('ema', 'indicators/ema') },
      { kind: 'addModule', module: module('sum', 'math/add') },
      { kind: 'connect', cable: { from: { module: 'ema', port: 'out' }, to: { module: 'sum', port: 'a' } } },
    ]);
    const before = await alice.invoke<PatchDocument>('getPatch', 'refusals');
    const mismatch = await alice.invoke<EditResult>('connect', 'refusals', {
      from: { module: 'bars', port: 'bar' },
      to: { module: 'ema', port: 'in' },
    });
    expect(mismatch).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          code: 'TYPE_MISMATCH',
          message: 'cable bars.bar -> ema.in connects a bar output to a number input',
        }),
      ],
    });
    const cycle = await alice.invoke<EditResult>('connect', 'refusals', {
      from: { module: 'sum', port: 'out' },
      to: { module: 'ema', port: 'in' },
    });
    expect(cycle.ok).toBe(false);
    if (!cycle.ok) {
      expect(cycle.problems[0].code).toBe('CYCLE');
      expect(cycle.problems[0].message).toMatch(/ema -> sum -> ema|sum -> ema -> sum/);
    }
    const outOfBounds = await alice.invoke<EditResult>('setParam', 'refusals', 'ema', 'period', 1);
    expect(outOfBounds).toMatchObject({
      ok: false,
      problems: [{ code: 'PARAM_INVALID', location: { moduleId: 'ema', param: 'period' } }],
    });
    expect(await alice.invoke<PatchDocument>('getPatch', 'refusals')).toEqual(before);
  });

  it('removes modules and cables, and refuses a malformed edit at the door', async () => {
    await alice.invoke('createPatch', 'removals');
    await alice.invoke('addModule', 'removals', module('bars', 'sources/bars'));
    await alice.invoke('addModule', 'removals', module('ema', 'indicators/ema'));
    const cable = { from: { module: 'bars', port: 'close' }, to: { module: 'ema', port: 'in' } };
    await alice.invoke('connect', 'removals', cable);
    expect(await alice.invoke<EditResult>('disconnect', 'removals', cable)).toMatchObject({ ok: true });
    expect(await alice.invoke<EditResult>('disconnect', 'removals', cable)).toMatchObject({
      ok: false,
      problems: [{ code: 'UNKNOWN_CABLE' }],
    });
    expect(await alice.invoke<EditResult>('removeModule', 'removals', 'ema')).toMatchObject({ ok: true });
    expect(
      (await alice.invoke<PatchDocument>('getPatch', 'removals')).patch.modules.map((m) => m.id),
    ).toEqual(['bars']);
    await expect(alice.invoke('addModule', 'removals', { id: 'has space', type: 'x' })).rejects.toThrow();
  });

  it('saves the view (probes) with the patch and tells the other editor', async () => {
    await alice.invoke('createPatch', 'viewed');
    await alice.invoke('addModule', 'viewed', module('bars', 'sources/bars'));
    await bob.invoke('getPatch', 'viewed');
    const seenByBob: PatchEdit[][] = [];
    bob.on('patchEdited', (name: string, edits: PatchEdit[]) => {
      if (name === 'viewed') seenByBob.push(edits);
    });
    const view = { probes: ['bars.close', 'bars.volume'] };
    expect(await alice.invoke<EditResult>('setView', 'viewed', view)).toEqual({ ok: true, revision: 2 });
    await vi.waitFor(() => expect(seenByBob).toEqual([[{ kind: 'setView', view }]]));
    const document = await bob.invoke<PatchDocument>('getPatch', 'viewed');
    expect(document.patch.view).toEqual(view);
    expect(document.dirty).toBe(true);
    await expect(alice.invoke('setView', 'viewed', { probes: ['bars'] })).rejects.toThrow(
      /a probe key is MODULE\.PORT/,
    );
  });
});

describe('PatchHub: versions', () => {
  it('saves, lists, diffs and restores versions, telling the other editor', async () => {
    await alice.invoke('createPatch', 'versioned');
    await bob.invoke('getPatch', 'versioned');
    const saved: VersionInfo[] = [];
    const replaced: PatchDocument[] = [];
    bob.on('patchSaved', (name: string, version: VersionInfo) => name === 'versioned' && saved.push(version));
    bob.on(
      'patchReplaced',
      (document: PatchDocument) => document.name === 'versioned' && replaced.push(document),
    );

    await alice.invoke('addModule', 'versioned', module('bars', 'sources/bars'));
    const v2 = await alice.invoke<VersionInfo>('savePatch', 'versioned', 'add bars', 1);
    expect(v2).toMatchObject({ version: 2, message: 'add bars' });
    await alice.invoke('addModule', 'versioned', module('ema', 'indicators/ema', { period: 9 }));
    const v3 = await alice.invoke<VersionInfo>('savePatch', 'versioned', 'add ema', 2);
    expect((await alice.invoke<VersionInfo[]>('listVersions', 'versioned')).map((v) => v.message)).toEqual([
      'created',
      'add bars',
      'add ema',
    ]);
    const diff = await alice.invoke<PatchDiff>('diffVersions', 'versioned', 2, 3);
    expect(diff.modulesAdded.map((m) => m.id)).toEqual(['ema']);
    // A saved version's content, as the merge view reads it.
    const second = await alice.invoke<Patch>('getVersion', 'versioned', 2);
    expect(second.modules.map((m) => m.id)).toEqual(['bars']);
    await expect(alice.invoke('getVersion', 'versioned', 9)).rejects.toThrow(
      'patch "versioned" has no version 9',
    );

    const restored = await alice.invoke<PatchDocument>('restoreVersion', 'versioned', 2);
    expect(restored).toMatchObject({ baseVersion: v3.version + 1, dirty: false });
    expect(restored.patch.modules.map((m) => m.id)).toEqual(['bars']);
    await vi.waitFor(() => expect(replaced).toHaveLength(1));
    expect(saved.map((v) => v.version)).toEqual([2, 3]);
    expect(replaced[0]).toEqual(restored);
  });

  it('refuses a save based on a version that is no longer the newest', async () => {
    await alice.invoke('createPatch', 'conflicted');
    // A change to save: an unchanged copy is refused as "nothing to save" before any conflict.
    await alice.invoke('applyEdits', 'conflicted', [{ kind: 'setMetadata', description: 'changed' }]);
    await alice.invoke('savePatch', 'conflicted', 'second', 1);
    await expect(bob.invoke('savePatch', 'conflicted', 'stale', 1)).rejects.toThrow(
      'save was based on version 1, but the newest saved version is 2',
    );
  });

  it('renames a patch and moves its editors along', async () => {
    await alice.invoke('createPatch', 'old-name');
    await bob.invoke('getPatch', 'old-name');
    const replaced: PatchDocument[] = [];
    bob.on(
      'patchReplaced',
      (document: PatchDocument) => document.name === 'new-name' && replaced.push(document),
    );
    const renamed = await alice.invoke<PatchDocument>('renamePatch', 'old-name', 'new-name');
    expect(renamed.name).toBe('new-name');
    await vi.waitFor(() => expect(replaced).toHaveLength(1));
    const names = (await alice.invoke<PatchSummary[]>('listPatches')).map((summary) => summary.name);
    expect(names).toContain('new-name');
    expect(names).not.toContain('old-name');
  });
});
