// The editor's view of subpatches: catalog entries for instances, the opened view by path, edits
// made inside as one setSubpatch, and the patch the commands (add, paste, layout) work on.
import { describe, expect, it } from 'vitest';
import { makeSubpatch } from '@patchdesk/modules/patch/make-subpatch';
import type { Patch } from '@patchdesk/modules/patch/types';
import { catalog, samplePatch } from '../test-support/fixtures';
import { applyEdits } from './apply-edit';
import { catalogPortTypes } from './catalog-port-types';
import { copySelection, pasteEdits } from './clipboard';
import { nextModuleId } from './module-ids';
import {
  definitionOf,
  editView,
  editsInside,
  instanceLevels,
  openedView,
  subpatchCatalog,
} from './subpatch-view';

/** samplePatch with ema and add made into the subpatch instance `sub`. */
function withSubpatch(): Patch {
  const result = makeSubpatch(samplePatch(), ['ema', 'add'], catalogPortTypes(catalog));
  if (!result.ok) throw new Error(result.problems[0].message);
  expect(result.instanceId).toBe('sub');
  return result.patch;
}

describe('subpatch view', () => {
  it('gives each definition a catalog entry whose ports are its inlets and outlets', () => {
    const patch = withSubpatch();
    const entry = subpatchCatalog(patch)['subpatch:sub'];
    expect(entry.inputs.map((port) => [port.name, port.type])).toEqual(
      patch.subpatches![0].inlets.map((inlet) => [inlet.name, inlet.type]),
    );
    expect(entry.outputs.map((port) => port.name)).toEqual(patch.subpatches![0].outlets.map((o) => o.name));
  });

  it('opens an instance as its modules and cables named by path', () => {
    const view = openedView(withSubpatch(), 'sub')!;
    expect(view.modules.map((module) => module.id).sort()).toEqual(['sub/add', 'sub/ema']);
    expect(view.cables).toEqual([
      { from: { module: 'sub/ema', port: 'out' }, to: { module: 'sub/add', port: 'a' } },
    ]);
    expect(openedView(withSubpatch(), 'bars')).toBeUndefined();
  });

  it('turns edits made inside into one setSubpatch of the definition', () => {
    const patch = withSubpatch();
    const edits = editsInside(patch, 'sub', [
      { kind: 'setParam', moduleId: 'sub/ema', param: 'period', value: 12 },
    ])!;
    expect(edits.map((edit) => edit.kind)).toEqual(['setSubpatch']);
    const after = applyEdits(patch, edits);
    expect(after.subpatches![0].modules.find((module) => module.id === 'ema')!.params.period).toBe(12);
    // The top level is untouched.
    expect(after.modules).toEqual(patch.modules);
  });

  it('works the commands inside on the definition, with ids free among its modules', () => {
    const patch = withSubpatch();
    const view = editView(patch, 'sub');
    expect(view.patch.modules.map((module) => module.id).sort()).toEqual(['add', 'ema']);
    // A new EMA inside is `ema2` (the definition has an `ema`), shown as `sub/ema2`.
    const id = view.shownId(nextModuleId('indicators/ema', new Set(view.patch.modules.map((m) => m.id))));
    expect(id).toBe('sub/ema2');
    expect(view.innerId(id)).toBe('ema2');
    const added = editsInside(patch, 'sub', [
      {
        kind: 'addModule',
        module: { id, type: 'indicators/ema', params: { period: 5 }, position: { x: 0, y: 0 } },
      },
    ])!;
    const after = applyEdits(patch, added);
    expect(after.subpatches![0].modules.map((module) => module.id)).toContain('ema2');
    expect(after.modules.map((module) => module.id)).not.toContain('ema2');

    // Copy and paste inside: the copies get fresh inner ids and land in the definition.
    const copied = copySelection(view.patch, new Set(['sub/ema'].map((shown) => view.innerId(shown))));
    const { edits, moduleIds } = pasteEdits(view.patch, copied);
    expect(moduleIds).toEqual(['ema2']);
    const pasted = applyEdits(patch, editsInside(patch, 'sub', edits)!);
    expect(pasted.subpatches![0].modules.map((module) => module.id).sort()).toEqual(['add', 'ema', 'ema2']);
  });

  it('is the patch itself at the top level or when the instance is gone', () => {
    const patch = withSubpatch();
    for (const open of [null, 'missing']) {
      const view = editView(patch, open);
      expect(view.patch).toBe(patch);
      expect(view.shownId('ema')).toBe('ema');
      expect(view.innerId('sub/ema')).toBe('sub/ema');
    }
  });
});

describe('subpatch view: nested', () => {
  // `outer` holds an instance `in1` of `inner`, which holds one EMA.
  const at = { x: 0, y: 0 };
  const nestedPatch: Patch = {
    schemaVersion: 1,
    name: 'nested',
    description: '',
    modules: [{ id: 'top', type: 'subpatch:outer', params: {}, position: at }],
    cables: [],
    subpatches: [
      {
        id: 'inner',
        title: 'Inner',
        inlets: [{ name: 'in', type: 'number', to: [{ module: 'ema', port: 'in' }] }],
        outlets: [{ name: 'out', type: 'number', from: { module: 'ema', port: 'out' } }],
        modules: [{ id: 'ema', type: 'indicators/ema', params: { period: 3 }, position: at }],
        cables: [],
      },
      {
        id: 'outer',
        title: 'Outer',
        inlets: [],
        outlets: [],
        modules: [{ id: 'in1', type: 'subpatch:inner', params: {}, position: at }],
        cables: [],
      },
    ],
  };

  it('opens level by level, each level named by its whole path', () => {
    expect(instanceLevels('top/in1')).toEqual(['top', 'top/in1']);
    expect(definitionOf(nestedPatch, 'top')?.id).toBe('outer');
    expect(definitionOf(nestedPatch, 'top/in1')?.id).toBe('inner');
    expect(definitionOf(nestedPatch, 'top/nope')).toBeUndefined();
    expect(definitionOf(nestedPatch, 'top/in1/ema')).toBeUndefined();
    expect(openedView(nestedPatch, 'top')?.modules.map((m) => m.id)).toEqual(['top/in1']);
    expect(openedView(nestedPatch, 'top/in1')?.modules.map((m) => m.id)).toEqual(['top/in1/ema']);
  });

  it('turns an edit two levels down into a setSubpatch of the innermost definition', () => {
    const edits = editsInside(nestedPatch, 'top/in1', [
      { kind: 'setParam', moduleId: 'top/in1/ema', param: 'period', value: 9 },
    ]);
    expect(edits).toHaveLength(1);
    const edit = edits![0];
    expect(edit.kind === 'setSubpatch' && edit.subpatch.id).toBe('inner');
    expect(edit.kind === 'setSubpatch' && edit.subpatch.modules[0].params.period).toBe(9);
  });
});
