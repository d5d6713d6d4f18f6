import { describe, expect, it } from 'vitest';
import { applyEdits as serverApplyEdits } from '@patchdesk/modules/patch/edits';
import type { Patch } from '@patchdesk/modules/patch/types';
import { registry, samplePatch } from '../test-support/fixtures';
import { applyEdits } from './apply-edit';
import { editsBetween } from './edits-between';

function other(): Patch {
  const base = samplePatch();
  return {
    ...base,
    description: 'v2',
    modules: [
      base.modules[0],
      { ...base.modules[1], params: { period: 12 }, position: { x: 320, y: 40 } },
      { id: 'sma', type: 'indicators/sma', params: { period: 5 }, position: { x: 300, y: 200 } },
    ],
    cables: [base.cables[0], { from: { module: 'bars', port: 'close' }, to: { module: 'sma', port: 'in' } }],
  };
}

describe('editsBetween', () => {
  it('turns one patch into the other, both ways', () => {
    const a = samplePatch();
    const b = other();
    expect(applyEdits(a, editsBetween(a, b))).toEqual(b);
    const back = applyEdits(b, editsBetween(b, a));
    expect(new Set(back.modules.map((m) => m.id))).toEqual(new Set(a.modules.map((m) => m.id)));
    expect(back.cables).toHaveLength(a.cables.length);
  });

  it('gives edits the server accepts as one group', () => {
    const result = serverApplyEdits(samplePatch(), editsBetween(samplePatch(), other()), registry);
    expect(result.ok).toBe(true);
  });

  it('is empty between equal patches', () => {
    expect(editsBetween(samplePatch(), samplePatch())).toEqual([]);
  });

  it('replaces a module whose type changed, and rewires its cables', () => {
    const a = samplePatch();
    const b: Patch = {
      ...a,
      modules: a.modules.map((m) =>
        m.id === 'ema' ? { ...m, type: 'indicators/sma', params: { period: 30 } } : m,
      ),
    };
    const edits = editsBetween(a, b);
    // Removing the module takes its two cables; both are connected again to the new one.
    expect(edits.map((edit) => edit.kind)).toEqual(['removeModule', 'addModule', 'connect', 'connect']);
    const result = serverApplyEdits(a, edits, registry);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(new Set(result.patch.cables.map((c) => JSON.stringify(c)))).toEqual(
        new Set(b.cables.map((c) => JSON.stringify(c))),
      );
  });
});
