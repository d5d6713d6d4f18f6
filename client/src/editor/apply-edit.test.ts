import { describe, expect, it } from 'vitest';
import { applyEdits as serverApplyEdits } from '@patchdesk/modules/patch/edits';
import type { PatchEdit } from '@patchdesk/modules/patch/types';
import { registry, samplePatch } from '../test-support/fixtures';
import { applyEdit, applyEdits } from './apply-edit';

const edits: PatchEdit[] = [
  {
    kind: 'addModule',
    module: { id: 'ema2', type: 'indicators/ema', params: { period: 9 }, position: { x: 1, y: 2 } },
  },
  { kind: 'connect', cable: { from: { module: 'bars', port: 'close' }, to: { module: 'ema2', port: 'in' } } },
  { kind: 'setParam', moduleId: 'ema', param: 'period', value: 50 },
  { kind: 'moveModule', moduleId: 'add', position: { x: 10, y: 20 } },
  {
    kind: 'disconnect',
    cable: { from: { module: 'bars', port: 'close' }, to: { module: 'add', port: 'b' } },
  },
  { kind: 'removeModule', moduleId: 'ema' },
  { kind: 'setMetadata', description: 'changed' },
];

describe('applyEdits', () => {
  it('gives the same patch as the server working copy does', () => {
    const server = serverApplyEdits(samplePatch(), edits, registry);
    expect(server.ok).toBe(true);
    if (server.ok) expect(applyEdits(samplePatch(), edits)).toEqual(server.patch);
  });

  it('removes the cables of a removed module', () => {
    const next = applyEdit(samplePatch(), { kind: 'removeModule', moduleId: 'ema' });
    expect(next.cables).toEqual([
      { from: { module: 'bars', port: 'close' }, to: { module: 'add', port: 'b' } },
    ]);
  });

  it('keeps the objects of untouched modules, so their nodes do not re-render', () => {
    const before = samplePatch();
    const after = applyEdit(before, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 12 });
    expect(after.modules[0]).toBe(before.modules[0]);
    expect(after.modules[2]).toBe(before.modules[2]);
    expect(after.modules[1]).not.toBe(before.modules[1]);
    expect(after.modules[1].params.period).toBe(12);
    expect(before.modules[1].params.period).toBe(30);
  });
});
