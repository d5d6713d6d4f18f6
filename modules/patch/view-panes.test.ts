// The probe panes' layout in the view (view.panes): set by setView, read back the same from the
// file, ignored by diff, taken by a merge without a conflict, found by editsBetween, refused out
// of range.
import { describe, expect, it } from 'vitest';
import { diffPatches, isEmptyDiff } from './diff';
import { applyEdits } from './edits';
import { editsBetween } from './edits-between';
import { mergePatches } from './merge';
import { parsePatch, parsePatchJson } from './schema';
import { serializePatch } from './serialize';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchEdit, PatchPaneLayout } from './types';

const registry = createTestRegistry();

function basePatch(): Patch {
  return {
    schemaVersion: 1,
    name: 'panes',
    description: '',
    modules: [{ id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } }],
    cables: [],
    view: { probes: ['src.close'] },
  };
}

const layout: PatchPaneLayout = { order: ['volume', 'price'], collapsed: ['scale:0-100'], heightPx: 420 };
const setPanes = (panes: PatchPaneLayout): PatchEdit => ({ kind: 'setView', view: { panes } });

function edited(patch: Patch, ...edits: PatchEdit[]): Patch {
  const result = applyEdits(patch, edits, registry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.patch;
}

describe('view.panes', () => {
  it('setView sets the layout and keeps the probes', () => {
    const next = edited(basePatch(), setPanes(layout));
    expect(next.view).toEqual({ probes: ['src.close'], panes: layout });
    expect(edited(next, { kind: 'setView', view: { probes: [] } }).view?.panes).toEqual(layout);
  });

  it('is written in the file and read back the same', () => {
    const next = edited(basePatch(), setPanes(layout));
    const parsed = parsePatchJson(serializePatch(next));
    expect(parsed.ok && parsed.patch.view?.panes).toEqual(layout);
  });

  it('is not a change to diff; a merge takes the side that changed it; editsBetween finds it', () => {
    const base = basePatch();
    const ours = edited(base, setPanes(layout));
    expect(isEmptyDiff(diffPatches(base, ours))).toBe(true);
    const theirs = edited(base, { kind: 'setView', view: { panes: { order: ['price'], collapsed: [] } } });
    const merged = mergePatches(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.patch.view?.panes).toEqual(layout);
    expect(mergePatches(base, base, theirs).patch.view?.panes).toEqual({ order: ['price'], collapsed: [] });
    expect(editsBetween(base, ours)).toEqual([setPanes(layout)]);
  });

  it('refuses a height out of range or a layout with unknown fields', () => {
    expect(parsePatch({ ...basePatch(), view: { panes: { ...layout, heightPx: 0 } } }).ok).toBe(false);
    expect(parsePatch({ ...basePatch(), view: { panes: { ...layout, heightPx: 5_000 } } }).ok).toBe(false);
    expect(parsePatch({ ...basePatch(), view: { panes: { order: [], collapsed: [], width: 3 } } }).ok).toBe(
      false,
    );
    expect(parsePatch({ ...basePatch(), view: { panes: layout } }).ok).toBe(true);
  });
});
