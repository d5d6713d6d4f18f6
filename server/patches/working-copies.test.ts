import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import { NothingToSaveError, PatchExistsError, PatchNotFoundError, VersionConflictError } from './errors';
import { PatchStore } from './patch-store';
import { WorkingCopies } from './working-copies';
import type { WorkingCopyChange } from './working-copies';

const registry = createBuiltinRegistry();
const logger = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const example: Patch = {
  schemaVersion: 1,
  name: 'EMA',
  description: 'an example, not advice',
  modules: [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: 'fast', type: 'indicators/ema', params: { period: 12 }, position: { x: 200, y: 0 } },
    { id: 'sum', type: 'math/add', params: {}, position: { x: 400, y: 0 } },
  ],
  cables: [
    { from: { module: 'bars', port: 'close' }, to: { module: 'fast', port: 'in' } },
    { from: { module: 'fast', port: 'out' }, to: { module: 'sum', port: 'a' } },
  ],
};

function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-wc-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'ema.json'), JSON.stringify(example));
  return dir;
}

function copies(dir: string, draftDelayMs = 10_000): WorkingCopies {
  return new WorkingCopies({ store: new PatchStore(dir), registry, logger, draftDelayMs });
}

const setPeriod = (value: number): PatchEdit => ({
  kind: 'setParam',
  moduleId: 'fast',
  param: 'period',
  value,
});

describe('WorkingCopies', () => {
  it('opens a shipped file with no history as base version 0, clean', async () => {
    const document = await copies(storeDir()).get('ema');
    expect(document).toMatchObject({ name: 'ema', baseVersion: 0, revision: 0, dirty: false });
    expect(document.patch.modules.map((m) => m.id)).toEqual(['bars', 'fast', 'sum']);
  });

  it('applies edits, bumps the revision and tells subscribers', async () => {
    const working = copies(storeDir());
    const changes: WorkingCopyChange[] = [];
    working.subscribe((change) => changes.push(change));
    expect(await working.applyEdits('ema', [setPeriod(20)])).toEqual({ ok: true, revision: 1 });
    const document = await working.get('ema');
    expect(document).toMatchObject({ revision: 1, dirty: true });
    expect(document.patch.modules[1].params.period).toBe(20);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'edited', edits: [setPeriod(20)], document: { revision: 1 } });
  });

  it('refuses a type mismatch, a cycle and an out-of-bounds param, changing nothing', async () => {
    const working = copies(storeDir());
    const before = await working.get('ema');
    const mismatch = await working.applyEdits('ema', [
      { kind: 'disconnect', cable: example.cables[1] },
      { kind: 'connect', cable: { from: { module: 'bars', port: 'bar' }, to: { module: 'sum', port: 'a' } } },
    ]);
    expect(mismatch).toMatchObject({ ok: false, problems: [{ code: 'TYPE_MISMATCH' }] });
    const cycle = await working.applyEdits('ema', [
      { kind: 'disconnect', cable: example.cables[0] },
      {
        kind: 'connect',
        cable: { from: { module: 'sum', port: 'out' }, to: { module: 'fast', port: 'in' } },
      },
    ]);
    expect(cycle).toMatchObject({ ok: false, problems: [{ code: 'CYCLE' }] });
    if (!cycle.ok) expect(cycle.problems[0].message).toMatch(/fast -> sum -> fast|sum -> fast -> sum/);
    const bounds = await working.applyEdits('ema', [setPeriod(0)]);
    expect(bounds).toMatchObject({
      ok: false,
      problems: [{ code: 'PARAM_INVALID', location: { moduleId: 'fast' } }],
    });
    expect(await working.get('ema')).toEqual(before);
  });

  it('writes a draft after a quiet moment, so a new process sees unsaved edits', async () => {
    const dir = storeDir();
    const working = copies(dir, 5);
    await working.applyEdits('ema', [setPeriod(21)]);
    await vi.waitFor(async () => expect(await new PatchStore(dir).getDraft('ema')).not.toBeNull());
    const reopened = await copies(dir).get('ema');
    expect(reopened).toMatchObject({ dirty: true, baseVersion: 0 });
    expect(reopened.patch.modules[1].params.period).toBe(21);
  });

  it('flush writes pending drafts at once', async () => {
    const dir = storeDir();
    const working = copies(dir);
    await working.applyEdits('ema', [setPeriod(22)]);
    expect(await new PatchStore(dir).getDraft('ema')).toBeNull();
    await working.flush();
    expect((await new PatchStore(dir).getDraft('ema'))?.modules[1].params.period).toBe(22);
    expect((await copies(dir).list()).find((s) => s.name === 'ema')).toMatchObject({
      dirty: true,
      latestVersion: 0,
    });
  });

  it('saves a version, drops the draft, and refuses a save based on an old version', async () => {
    const dir = storeDir();
    const working = copies(dir);
    await working.applyEdits('ema', [setPeriod(30)]);
    await working.flush();
    const { version, document } = await working.save('ema', 'slower', 0);
    expect(version).toMatchObject({ message: 'slower' });
    expect(document).toMatchObject({ baseVersion: version.version, dirty: false });
    expect(await new PatchStore(dir).getDraft('ema')).toBeNull();
    await expect(working.save('ema', 'stale', 0)).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('refuses to save an unchanged copy, also after an edit and its undo, and makes no version', async () => {
    const dir = storeDir();
    const working = copies(dir);
    await expect(working.save('ema', 'same as the file', 0)).rejects.toThrow(
      'nothing to save: patch "ema" is unchanged from its file',
    );
    await working.applyEdits('ema', [setPeriod(30)]);
    const { version } = await working.save('ema', 'slower', 0);
    await working.applyEdits('ema', [setPeriod(31)]);
    await working.applyEdits('ema', [setPeriod(30)]);
    const again = working.save('ema', 'again', version.version);
    await expect(again).rejects.toBeInstanceOf(NothingToSaveError);
    await expect(again).rejects.toThrow(`is the same as version ${version.version}`);
    expect((await new PatchStore(dir).versions('ema')).at(-1)?.version).toBe(version.version);
    // A stale base is still a conflict, not "nothing to save".
    await expect(working.save('ema', 'stale', 0)).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('restores an old version as the newest and replaces the working copy', async () => {
    const working = copies(storeDir());
    await working.applyEdits('ema', [setPeriod(40)]);
    const first = await working.save('ema', 'forty', 0);
    await working.applyEdits('ema', [setPeriod(50)]);
    await working.save('ema', 'fifty', first.version.version);
    const changes: WorkingCopyChange[] = [];
    working.subscribe((change) => changes.push(change));
    const restored = await working.restore('ema', first.version.version);
    expect(restored.document.patch.modules[1].params.period).toBe(40);
    expect(restored.document).toMatchObject({ dirty: false, baseVersion: restored.version.version });
    expect(changes.map((c) => c.kind)).toEqual(['replaced']);
    const diff = await working.diff('ema', first.version.version, first.version.version + 1);
    expect(diff.paramsChanged).toEqual([{ moduleId: 'fast', param: 'period', from: 40, to: 50 }]);
  });

  it('creates, renames (keeping unsaved edits) and refuses taken or unknown names', async () => {
    const dir = storeDir();
    const working = copies(dir);
    const created = await working.create('breakout', 'new idea');
    expect(created).toMatchObject({ name: 'breakout', baseVersion: 1, dirty: false });
    await expect(working.create('ema')).rejects.toBeInstanceOf(PatchExistsError);
    await working.applyEdits('breakout', [
      {
        kind: 'addModule',
        module: { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      },
    ]);
    const renamed = await working.rename('breakout', 'breakout-v2');
    expect(renamed).toMatchObject({ name: 'breakout-v2', dirty: true });
    await expect(working.get('breakout')).rejects.toBeInstanceOf(PatchNotFoundError);
    const reopened = await copies(dir).get('breakout-v2');
    expect(reopened.patch.modules).toHaveLength(1);
    await expect(working.rename('breakout-v2', 'ema')).rejects.toBeInstanceOf(PatchExistsError);
  });
});
