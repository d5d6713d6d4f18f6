// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { PatchEdit } from '@patchdesk/modules/patch/types';
import { invertEdits } from '../editor/invert-edits';
import { catalogEntries, sampleDocument } from '../test-support/fixtures';
import { useGraphStore } from './graph-store';
import type { UndoEntry } from './graph-store';

function entry(label: string, forward: PatchEdit[]): UndoEntry {
  const { document, paramDefault } = useGraphStore.getState();
  return { label, forward, inverse: invertEdits(document!.patch, forward, paramDefault) };
}

const periodOf = () =>
  useGraphStore.getState().document!.patch.modules.find((m) => m.id === 'ema')!.params.period;

let documentCounter = 0;

describe('graph store', () => {
  beforeEach(() => {
    useGraphStore.getState().setCatalog(catalogEntries);
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: `sample-${(documentCounter += 1)}` });
  });

  it('applies an accepted edit, then undoes and redoes it through its inverse', () => {
    const store = useGraphStore.getState;
    expect(
      store().commit(
        entry('set period', [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 12 }]),
        2,
      ),
    ).toBe('next');
    expect(periodOf()).toBe(12);
    expect(store().document!.revision).toBe(2);
    expect(store().undoStack).toHaveLength(1);

    store().undoApplied(3);
    expect(periodOf()).toBe(30);
    expect(store().undoStack).toHaveLength(0);
    expect(store().redoStack).toHaveLength(1);

    store().redoApplied(4);
    expect(periodOf()).toBe(12);
    expect(store().undoStack).toHaveLength(1);
    expect(store().redoStack).toHaveLength(0);
  });

  it('a new edit clears the redo stack', () => {
    const store = useGraphStore.getState;
    store().commit(entry('a', [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 12 }]), 2);
    store().undoApplied(3);
    store().commit(entry('b', [{ kind: 'moveModule', moduleId: 'ema', position: { x: 1, y: 1 } }]), 4);
    expect(store().redoStack).toHaveLength(0);
  });

  it('keeps node objects of modules an edit did not touch', () => {
    const store = useGraphStore.getState;
    const before = store().nodes;
    store().commit(entry('set', [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 9 }]), 2);
    const after = store().nodes;
    expect(after.find((n) => n.id === 'bars')).toBe(before.find((n) => n.id === 'bars'));
    expect(after.find((n) => n.id === 'add')).toBe(before.find((n) => n.id === 'add'));
    expect(after.find((n) => n.id === 'ema')).not.toBe(before.find((n) => n.id === 'ema'));
  });

  it('ignores a broadcast it already has and reports a revision gap', () => {
    const store = useGraphStore.getState;
    const edit: PatchEdit[] = [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 40 }];
    expect(store().applyRemote(edit, 1)).toBe('stale');
    expect(periodOf()).toBe(30);
    expect(store().applyRemote(edit, 2)).toBe('next');
    expect(periodOf()).toBe(40);
    expect(store().applyRemote([{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 41 }], 5)).toBe(
      'gap',
    );
  });

  it('does not apply its own edit twice when the broadcast came first', () => {
    const store = useGraphStore.getState;
    const forward: PatchEdit[] = [{ kind: 'removeModule', moduleId: 'add' }];
    const undo = entry('remove', forward);
    store().applyRemote(forward, 2);
    expect(store().commit(undo, 2)).toBe('stale');
    expect(store().document!.patch.modules).toHaveLength(2);
    expect(store().undoStack.at(-1)).toBe(undo);
  });

  it('derives cables as edges coloured by port type', () => {
    const edges = useGraphStore.getState().edges;
    expect(edges.map((edge) => edge.id).sort()).toEqual([
      'bars.close>add.b',
      'bars.close>ema.in',
      'ema.out>add.a',
    ]);
    expect(edges[0].data?.portType).toBe('number');
  });
});
