// The view section (probes saved with the patch): the setView edit, the file schema, stable
// serialization, and that diff ignores it while a merge takes it without a conflict.
import { describe, expect, it } from 'vitest';
import { diffPatches, isEmptyDiff } from './diff';
import { parsePatchEdits } from './edit-schema';
import { applyEdits } from './edits';
import { mergePatches } from './merge';
import {
  commentTextLengthMax,
  groupTitleLengthMax,
  parsePatch,
  parsePatchJson,
  patchViewCommentsMax,
  patchViewGroupsMax,
} from './schema';
import { serializePatch } from './serialize';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchComment, PatchEdit, PatchGroup } from './types';
import { validatePatch } from './validate';

const registry = createTestRegistry();

function basePatch(): Patch {
  return {
    schemaVersion: 1,
    name: 'view',
    description: '',
    modules: [
      { id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'ema', type: 'indicators/ema', params: { period: 10 }, position: { x: 100, y: 0 } },
    ],
    cables: [{ from: { module: 'src', port: 'close' }, to: { module: 'ema', port: 'price' } }],
  };
}

function edited(patch: Patch, ...edits: PatchEdit[]): Patch {
  const result = applyEdits(patch, edits, registry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.patch;
}

const probe = (...keys: string[]): PatchEdit => ({ kind: 'setView', view: { probes: keys } });

describe('patch view', () => {
  it('setView sets the probes without touching modules or the input', () => {
    const base = basePatch();
    const next = edited(base, probe('ema.value', 'src.close'));
    expect(next.view).toEqual({ probes: ['ema.value', 'src.close'] });
    expect(base.view).toBeUndefined();
    expect(next.modules).toEqual(base.modules);
    expect(edited(next, probe()).view).toEqual({ probes: [] });
  });

  it('a setView with no probes field keeps the probes set before', () => {
    const next = edited(basePatch(), probe('ema.value'), { kind: 'setView', view: {} });
    expect(next.view).toEqual({ probes: ['ema.value'] });
  });

  it('refuses a probe key that is not MODULE.PORT, saying where', () => {
    const parsed = parsePatchEdits([{ kind: 'setView', view: { probes: ['ema'] } }]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0].message).toMatch(/^edits\[0\]\.view\.probes\[0\]: a probe key is MODULE\.PORT/);
    const result = applyEdits(basePatch(), [{ kind: 'setView', view: { probes: ['a b'] } }], registry);
    expect(result.ok).toBe(false);
  });

  it('is written last and only when set, and read back the same', () => {
    const plain = serializePatch(basePatch());
    expect(plain).not.toContain('"view":');
    const withView = edited(basePatch(), probe('ema.value'));
    const text = serializePatch(withView);
    expect(text.trimEnd().endsWith('"view": {\n    "probes": [\n      "ema.value"\n    ]\n  }\n}')).toBe(
      true,
    );
    const parsed = parsePatchJson(text);
    expect(parsed.ok && parsed.patch.view).toEqual({ probes: ['ema.value'] });
    expect(parsePatch({ ...basePatch(), view: { panes: 3 } }).ok).toBe(false);
  });

  it('is not a change to diff, and validation does not read it', () => {
    const base = basePatch();
    const next = edited(base, probe('ema.value', 'gone.value'));
    expect(isEmptyDiff(diffPatches(base, next))).toBe(true);
    expect(validatePatch(next, registry)).toEqual(validatePatch(base, registry));
  });

  it('merges without conflict: one side changed it, or both (ours wins)', () => {
    const base = edited(basePatch(), probe('src.close'));
    const theirs = edited(base, probe('src.close', 'ema.value'));
    const ours = edited(base, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 20 });
    const merged = mergePatches(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.patch.view).toEqual({ probes: ['src.close', 'ema.value'] });
    expect(merged.patch.modules[1].params.period).toBe(20);

    const oursToo = edited(ours, probe('ema.value'));
    const both = mergePatches(base, oursToo, theirs);
    expect(both.conflicts).toEqual([]);
    expect(both.patch.view).toEqual({ probes: ['ema.value'] });
  });
});

describe('patch view: comments', () => {
  const note = (id: string, text: string, x = 0): PatchComment => ({ id, text, position: { x, y: 40 } });
  const comment = (...comments: PatchComment[]): PatchEdit => ({ kind: 'setView', view: { comments } });

  it('round-trips through the file, after the probes, and keeps the probes set before', () => {
    const next = edited(basePatch(), probe('ema.value'), comment(note('c1', 'fast EMA: tune on 1h')));
    expect(next.view).toEqual({ probes: ['ema.value'], comments: [note('c1', 'fast EMA: tune on 1h')] });
    const text = serializePatch(next);
    expect(text.indexOf('"probes"')).toBeLessThan(text.indexOf('"comments"'));
    const parsed = parsePatchJson(text);
    expect(parsed.ok && parsed.patch.view).toEqual(next.view);
    expect(parsed.ok && serializePatch(parsed.patch)).toBe(text);
  });

  it('is not a change to diff, validation or a merge conflict', () => {
    const base = basePatch();
    const next = edited(base, comment(note('c1', 'hello', 10)));
    expect(isEmptyDiff(diffPatches(base, next))).toBe(true);
    expect(validatePatch(next, registry)).toEqual(validatePatch(base, registry));
    const theirs = edited(base, comment(note('c1', 'theirs')));
    const ours = edited(base, comment(note('c1', 'ours')));
    const merged = mergePatches(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.patch.view?.comments).toEqual([note('c1', 'ours')]);
    expect(mergePatches(base, base, theirs).patch.view?.comments).toEqual([note('c1', 'theirs')]);
  });

  it('refuses text past the limit, too many comments and duplicate ids, saying where', () => {
    const long = parsePatch({
      ...basePatch(),
      view: { comments: [note('c1', 'x'.repeat(commentTextLengthMax + 1))] },
    });
    expect(long.ok).toBe(false);
    if (!long.ok)
      expect(long.problems[0].message).toBe('view.comments[0].text: a comment is at most 2000 characters');
    const many = Array.from({ length: patchViewCommentsMax + 1 }, (_, i) => note(`c${i}`, ''));
    const tooMany = parsePatch({ ...basePatch(), view: { comments: many } });
    expect(!tooMany.ok && tooMany.problems[0].message).toBe(
      "view.comments: a patch's view holds at most 200 comments",
    );
    const twice = parsePatchEdits([comment(note('c1', 'a'), note('c1', 'b'))]);
    expect(!twice.ok && twice.problems[0].message).toBe('edits[0].view.comments: two comments share an id');
    const badId = applyEdits(basePatch(), [comment(note('a b', 'x'))], registry);
    expect(badId.ok).toBe(false);
    expect(
      parsePatch({ ...basePatch(), view: { comments: [{ ...note('c1', 'x'), color: 'red' }] } }).ok,
    ).toBe(false);
  });
});

describe('patch view: groups', () => {
  const frame = (id: string, title = 'Group', x = 0): PatchGroup => ({
    id,
    title,
    position: { x, y: -40 },
    size: { width: 300, height: 200 },
  });
  const group = (...groups: PatchGroup[]): PatchEdit => ({ kind: 'setView', view: { groups } });

  it('round-trips through the file, after the comments, keeping the probes and comments', () => {
    const note: PatchComment = { id: 'c1', text: 'hi', position: { x: 0, y: 0 } };
    const next = edited(
      basePatch(),
      probe('ema.value'),
      { kind: 'setView', view: { comments: [note] } },
      group(frame('g1', 'Trend')),
    );
    expect(next.view).toEqual({ probes: ['ema.value'], comments: [note], groups: [frame('g1', 'Trend')] });
    const text = serializePatch(next);
    expect(text.indexOf('"comments"')).toBeLessThan(text.indexOf('"groups"'));
    const parsed = parsePatchJson(text);
    expect(parsed.ok && parsed.patch.view).toEqual(next.view);
    expect(parsed.ok && serializePatch(parsed.patch)).toBe(text);
  });

  it('is not a change to diff, validation or a merge conflict (ours wins)', () => {
    const base = basePatch();
    const next = edited(base, group(frame('g1', 'a', 10)));
    expect(isEmptyDiff(diffPatches(base, next))).toBe(true);
    expect(validatePatch(next, registry)).toEqual(validatePatch(base, registry));
    const theirs = edited(base, group(frame('g1', 'theirs')));
    const ours = edited(base, group(frame('g1', 'ours')));
    const merged = mergePatches(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(merged.patch.view?.groups).toEqual([frame('g1', 'ours')]);
    expect(mergePatches(base, base, theirs).patch.view?.groups).toEqual([frame('g1', 'theirs')]);
  });

  it('refuses a long title, a side out of bounds, too many groups and duplicate ids, saying where', () => {
    const long = parsePatch({
      ...basePatch(),
      view: { groups: [frame('g1', 'x'.repeat(groupTitleLengthMax + 1))] },
    });
    expect(!long.ok && long.problems[0].message).toBe(
      'view.groups[0].title: a group title is at most 80 characters',
    );
    const thin = parsePatch({
      ...basePatch(),
      view: { groups: [{ ...frame('g1'), size: { width: 39, height: 200 } }] },
    });
    expect(!thin.ok && thin.problems[0].message).toBe(
      'view.groups[0].size.width: a group side is at least 40',
    );
    const many = Array.from({ length: patchViewGroupsMax + 1 }, (_, i) => frame(`g${i}`));
    const tooMany = parsePatch({ ...basePatch(), view: { groups: many } });
    expect(!tooMany.ok && tooMany.problems[0].message).toBe(
      "view.groups: a patch's view holds at most 100 groups",
    );
    const twice = parsePatchEdits([group(frame('g1'), frame('g1'))]);
    expect(!twice.ok && twice.problems[0].message).toBe('edits[0].view.groups: two groups share an id');
    expect(parsePatch({ ...basePatch(), view: { groups: [{ ...frame('g1'), color: 'red' }] } }).ok).toBe(
      false,
    );
  });
});
