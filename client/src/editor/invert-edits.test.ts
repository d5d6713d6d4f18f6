import { describe, expect, it } from 'vitest';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import { catalog, samplePatch } from '../test-support/fixtures';
import { applyEdits } from './apply-edit';
import { deleteEdits } from './clipboard';
import { invertEdits } from './invert-edits';

const defaults = (type: string, param: string) =>
  catalog[type]?.params.find((spec) => spec.name === param)?.defaultValue;

/** Module and cable order carry no meaning; compare patches without it. */
function normalised(patch: Patch): Patch {
  const key = (value: unknown) => JSON.stringify(value);
  return {
    ...patch,
    modules: [...patch.modules].sort((a, b) => a.id.localeCompare(b.id)),
    cables: [...patch.cables].sort((a, b) => key(a).localeCompare(key(b))),
  };
}

function roundTrip(edits: PatchEdit[]): void {
  const before = samplePatch();
  const inverse = invertEdits(before, edits, defaults);
  expect(normalised(applyEdits(applyEdits(before, edits), inverse))).toEqual(normalised(before));
}

describe('invertEdits', () => {
  it('undoes a param change, a move and a metadata change', () => {
    roundTrip([
      { kind: 'setParam', moduleId: 'ema', param: 'period', value: 5 },
      { kind: 'moveModule', moduleId: 'bars', position: { x: -50, y: 40 } },
      { kind: 'setMetadata', description: 'other' },
    ]);
  });

  it('undoes a comment edit by putting back the comment list, probes untouched', () => {
    const note = { id: 'comment-1', text: 'why', position: { x: 1, y: 2 } };
    const before: Patch = { ...samplePatch(), view: { probes: ['ema.out'], comments: [note] } };
    const edits: PatchEdit[] = [{ kind: 'setView', view: { comments: [{ ...note, text: 'changed' }] } }];
    const inverse = invertEdits(before, edits, defaults);
    expect(inverse).toEqual([{ kind: 'setView', view: { comments: [note] } }]);
    expect(applyEdits(applyEdits(before, edits), inverse).view).toEqual(before.view);
  });

  it('undoes a group move as one step: the frame list and the modules inside', () => {
    const frame = { id: 'group-1', title: 'G', position: { x: 0, y: 0 }, size: { width: 400, height: 300 } };
    const before: Patch = { ...samplePatch(), view: { groups: [frame] } };
    const ema = before.modules.find((module) => module.id === 'ema')!;
    const edits: PatchEdit[] = [
      { kind: 'setView', view: { groups: [{ ...frame, position: { x: 50, y: 0 } }] } },
      { kind: 'moveModule', moduleId: 'ema', position: { x: ema.position.x + 50, y: ema.position.y } },
    ];
    const inverse = invertEdits(before, edits, defaults);
    expect(inverse).toContainEqual({ kind: 'setView', view: { groups: [frame] } });
    const undone = applyEdits(applyEdits(before, edits), inverse);
    expect(undone.view).toEqual(before.view);
    expect(undone.modules).toEqual(before.modules);
  });

  it('restores a removed module together with its cables', () => {
    const before = samplePatch();
    const edits: PatchEdit[] = [{ kind: 'removeModule', moduleId: 'ema' }];
    const restored = applyEdits(applyEdits(before, edits), invertEdits(before, edits, defaults));
    expect(restored.modules.map((module) => module.id).sort()).toEqual(['add', 'bars', 'ema']);
    expect(restored.cables).toHaveLength(3);
    expect(new Set(restored.cables.map((cable) => JSON.stringify(cable)))).toEqual(
      new Set(before.cables.map((cable) => JSON.stringify(cable))),
    );
  });

  it('undoes a delete of a selection exactly, cables included', () => {
    roundTrip(deleteEdits(samplePatch(), new Set(['ema', 'add']), []));
  });

  it('undoes an added module and cable', () => {
    roundTrip([
      {
        kind: 'addModule',
        module: { id: 'x', type: 'indicators/ema', params: { period: 3 }, position: { x: 0, y: 0 } },
      },
      {
        kind: 'connect',
        cable: { from: { module: 'bars', port: 'close' }, to: { module: 'x', port: 'in' } },
      },
    ]);
  });

  it('undoes setting a param the patch had left out by setting the catalog default', () => {
    const before = {
      ...samplePatch(),
      modules: samplePatch().modules.map((m) => (m.id === 'ema' ? { ...m, params: {} } : m)),
    };
    const edits: PatchEdit[] = [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 7 }];
    expect(invertEdits(before, edits, defaults)).toEqual([
      {
        kind: 'setParam',
        moduleId: 'ema',
        param: 'period',
        value: catalog['indicators/ema'].params[0].defaultValue,
      },
    ]);
  });

  it('inverts a group in reverse order', () => {
    const edits: PatchEdit[] = [
      { kind: 'setParam', moduleId: 'ema', param: 'period', value: 5 },
      { kind: 'setParam', moduleId: 'ema', param: 'period', value: 6 },
    ];
    expect(invertEdits(samplePatch(), edits, defaults)).toEqual([
      { kind: 'setParam', moduleId: 'ema', param: 'period', value: 5 },
      { kind: 'setParam', moduleId: 'ema', param: 'period', value: 30 },
    ]);
  });
});
