// The view section (probes saved with the patch): the setView edit, the file schema, stable
// serialization, and that diff ignores it while a merge takes it without a conflict.
import { describe, expect, it } from 'vitest';
import { diffPatches, isEmptyDiff } from './diff';
import { parsePatchEdits } from './edit-schema';
import { applyEdits } from './edits';
import { mergePatches } from './merge';
import { parsePatch, parsePatchJson } from './schema';
import { serializePatch } from './serialize';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchEdit } from './types';
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
