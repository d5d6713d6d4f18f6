import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits';
import { mergePatches } from './merge';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchEdit } from './types';
import { blockingProblems } from './types';
import { validatePatch } from './validate';

const registry = createTestRegistry();
const validate = (patch: Patch) => validatePatch(patch, registry);

/** c1, c2 constants feeding add1 (a, b), add1 feeding ema. */
function basePatch(): Patch {
  return {
    schemaVersion: 1,
    name: 'base',
    description: 'merge test',
    modules: [
      { id: 'c1', type: 'sources/constant', params: { value: 1 }, position: { x: 0, y: 0 } },
      { id: 'c2', type: 'sources/constant', params: { value: 2 }, position: { x: 0, y: 100 } },
      { id: 'add1', type: 'math/add', params: {}, position: { x: 200, y: 50 } },
      { id: 'ema', type: 'indicators/ema', params: { period: 10 }, position: { x: 400, y: 50 } },
    ],
    cables: [
      { from: { module: 'c1', port: 'value' }, to: { module: 'add1', port: 'a' } },
      { from: { module: 'c2', port: 'value' }, to: { module: 'add1', port: 'b' } },
      { from: { module: 'add1', port: 'value' }, to: { module: 'ema', port: 'price' } },
    ],
  };
}

function edit(patch: Patch, ...edits: PatchEdit[]): Patch {
  const result = applyEdits(patch, edits, registry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.patch;
}

describe('mergePatches', () => {
  it('takes edits of different params from both sides without conflict', () => {
    const base = basePatch();
    const ours = edit(base, { kind: 'setParam', moduleId: 'c1', param: 'value', value: 5 });
    const theirs = edit(base, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 30 });
    const { patch, conflicts } = mergePatches(base, ours, theirs, { validate });
    expect(conflicts).toEqual([]);
    expect(patch.modules.find((m) => m.id === 'c1')?.params.value).toBe(5);
    expect(patch.modules.find((m) => m.id === 'ema')?.params.period).toBe(30);
  });

  it('reports both sides changing one param, and settles it by choice', () => {
    const base = basePatch();
    const ours = edit(base, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 12 });
    const theirs = edit(base, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 26 });
    const merged = mergePatches(base, ours, theirs);
    expect(merged.conflicts).toEqual([
      {
        id: 'param:ema.period',
        kind: 'param',
        moduleId: 'ema',
        param: 'period',
        base: 10,
        ours: 12,
        theirs: 26,
      },
    ]);
    expect(merged.patch.modules.find((m) => m.id === 'ema')?.params.period).toBe(12);
    const chosen = mergePatches(base, ours, theirs, { choices: { 'param:ema.period': 'theirs' } });
    expect(chosen.patch.modules.find((m) => m.id === 'ema')?.params.period).toBe(26);
  });

  it('reports a module one side deleted and the other edited; choosing the deleter drops it and its cables', () => {
    const base = basePatch();
    const ours = edit(base, { kind: 'removeModule', moduleId: 'ema' });
    const theirs = edit(base, { kind: 'setParam', moduleId: 'ema', param: 'period', value: 50 });
    const kept = mergePatches(base, ours, theirs, { defaultSide: 'theirs' });
    expect(kept.conflicts.map((c) => [c.id, c.kind])).toEqual([['module:ema', 'deleteEdit']]);
    expect(kept.patch.modules.map((m) => m.id)).toContain('ema');
    // Keeping the module keeps the cable the deleting side lost only with it.
    expect(kept.patch.cables).toContainEqual({
      from: { module: 'add1', port: 'value' },
      to: { module: 'ema', port: 'price' },
    });
    expect(blockingProblems(validate(kept.patch))).toEqual([]);
    const dropped = mergePatches(base, ours, theirs);
    expect(dropped.patch.modules.map((m) => m.id)).not.toContain('ema');
    expect(dropped.patch.cables.some((c) => c.to.module === 'ema')).toBe(false);
  });

  it('a delete against a mere move deletes without conflict', () => {
    const base = basePatch();
    const ours = edit(base, { kind: 'removeModule', moduleId: 'ema' });
    const theirs = edit(base, { kind: 'moveModule', moduleId: 'ema', position: { x: 900, y: 9 } });
    const { patch, conflicts } = mergePatches(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(patch.modules.map((m) => m.id)).toEqual(['c1', 'c2', 'add1']);
  });

  it('reports one input rewired differently by both sides', () => {
    const base = basePatch();
    const rewire = (from: string): PatchEdit[] => [
      {
        kind: 'disconnect',
        cable: { from: { module: 'c2', port: 'value' }, to: { module: 'add1', port: 'b' } },
      },
      {
        kind: 'connect',
        cable: { from: { module: from, port: 'value' }, to: { module: 'add1', port: 'b' } },
      },
    ];
    const ours = edit(base, ...rewire('c1'));
    const theirs = edit(
      base,
      {
        kind: 'addModule',
        module: { id: 'c3', type: 'sources/constant', params: { value: 3 }, position: { x: 0, y: 200 } },
      },
      ...rewire('c3'),
    );
    const { patch, conflicts } = mergePatches(base, ours, theirs, { validate });
    expect(conflicts.map((c) => c.id)).toEqual(['input:add1.b']);
    expect(patch.cables.filter((c) => c.to.module === 'add1' && c.to.port === 'b')).toEqual([
      { from: { module: 'c1', port: 'value' }, to: { module: 'add1', port: 'b' } },
    ]);
    expect(patch.modules.map((m) => m.id)).toContain('c3');
  });

  it('reports a cycle that neither side has alone', () => {
    const base: Patch = {
      ...basePatch(),
      cables: [{ from: { module: 'c1', port: 'value' }, to: { module: 'add1', port: 'b' } }],
      modules: [
        ...basePatch().modules,
        { id: 'add2', type: 'math/add', params: {}, position: { x: 200, y: 300 } },
      ],
    };
    const ours = edit(base, {
      kind: 'connect',
      cable: { from: { module: 'add1', port: 'value' }, to: { module: 'add2', port: 'a' } },
    });
    const theirs = edit(base, {
      kind: 'connect',
      cable: { from: { module: 'add2', port: 'value' }, to: { module: 'add1', port: 'a' } },
    });
    const { conflicts } = mergePatches(base, ours, theirs, { validate });
    expect(conflicts.map((c) => c.kind)).toEqual(['invalidResult']);
    expect(conflicts[0].kind === 'invalidResult' && conflicts[0].problems[0].code).toBe('CYCLE');
  });

  it('reports a cable added to a module the other side deleted, and drops it', () => {
    const base = basePatch();
    const ours = edit(base, { kind: 'removeModule', moduleId: 'c2' });
    const theirs = edit(
      base,
      {
        kind: 'addModule',
        module: { id: 'ema2', type: 'indicators/ema', params: {}, position: { x: 1, y: 1 } },
      },
      {
        kind: 'connect',
        cable: { from: { module: 'c2', port: 'value' }, to: { module: 'ema2', port: 'price' } },
      },
    );
    const { patch, conflicts } = mergePatches(base, ours, theirs, { validate });
    expect(conflicts.map((c) => c.kind)).toEqual(['danglingCable']);
    expect(patch.cables.some((c) => c.from.module === 'c2')).toBe(false);
  });
});

// Random valid sides: a few edits of the base, each kept only if the patch stays valid.
const moduleIds = ['c1', 'c2', 'add1', 'ema', 'n1', 'n2'];
const editArbitrary: fc.Arbitrary<PatchEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('setParam' as const),
    moduleId: fc.constantFrom('c1', 'c2', 'n1'),
    param: fc.constant('value'),
    value: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('setParam' as const),
    moduleId: fc.constantFrom('ema', 'n2'),
    param: fc.constant('period'),
    value: fc.integer({ min: 2, max: 6 }),
  }),
  fc.record({ kind: fc.constant('removeModule' as const), moduleId: fc.constantFrom(...moduleIds) }),
  fc.record({
    kind: fc.constant('moveModule' as const),
    moduleId: fc.constantFrom(...moduleIds),
    position: fc.record({ x: fc.integer({ min: 0, max: 3 }), y: fc.integer({ min: 0, max: 3 }) }),
  }),
  fc.constantFrom<PatchEdit>(
    {
      kind: 'addModule',
      module: { id: 'n1', type: 'sources/constant', params: { value: 9 }, position: { x: 5, y: 5 } },
    },
    {
      kind: 'addModule',
      module: { id: 'n2', type: 'indicators/ema', params: { period: 3 }, position: { x: 6, y: 6 } },
    },
  ),
  fc.record({
    kind: fc.constant('connect' as const),
    cable: fc.record({
      from: fc.record({
        module: fc.constantFrom('c1', 'c2', 'add1', 'ema', 'n1', 'n2'),
        port: fc.constant('value'),
      }),
      to: fc.constantFrom(
        { module: 'add1', port: 'a' },
        { module: 'add1', port: 'b' },
        { module: 'ema', port: 'price' },
        { module: 'n2', port: 'price' },
      ),
    }),
  }),
  fc.record({
    kind: fc.constant('disconnect' as const),
    cable: fc.constantFrom(...basePatch().cables),
  }),
);

function applyValid(base: Patch, edits: readonly PatchEdit[]): Patch {
  let patch = base;
  for (const one of edits) {
    // Rewiring an input means disconnecting it first; a connect onto a taken input is skipped.
    const result = applyEdits(patch, [one], registry);
    if (result.ok) patch = result.patch;
  }
  return patch;
}

const sideArbitrary = fc
  .array(editArbitrary, { maxLength: 8 })
  .map((edits) => applyValid(basePatch(), edits));

describe('mergePatches properties', () => {
  it('merging with an unchanged side gives the other side', () => {
    fc.assert(
      fc.property(sideArbitrary, (x) => {
        const base = basePatch();
        expect(mergePatches(base, base, x)).toEqual({ patch: x, conflicts: [] });
        expect(mergePatches(base, x, base)).toEqual({ patch: x, conflicts: [] });
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('merge(base, x, x) = x', () => {
    fc.assert(
      fc.property(sideArbitrary, (x) => {
        expect(mergePatches(basePatch(), x, x)).toEqual({ patch: x, conflicts: [] });
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('the result validates or lists its conflicts, whichever side each conflict takes', () => {
    fc.assert(
      fc.property(
        sideArbitrary,
        sideArbitrary,
        fc.constantFrom('ours' as const, 'theirs' as const),
        (ours, theirs, side) => {
          const { patch, conflicts } = mergePatches(basePatch(), ours, theirs, {
            validate,
            defaultSide: side,
          });
          if (conflicts.length === 0) expect(blockingProblems(validate(patch))).toEqual([]);
        },
      ),
      { seed: 13, numRuns: 400 },
    );
  });

  it('is symmetric: swapping sides swaps which side each conflict takes, not the result', () => {
    fc.assert(
      fc.property(sideArbitrary, sideArbitrary, (a, b) => {
        const ab = mergePatches(basePatch(), a, b, { defaultSide: 'ours' });
        const ba = mergePatches(basePatch(), b, a, { defaultSide: 'theirs' });
        const canonical = (p: Patch) => ({
          ...p,
          modules: [...p.modules].sort((x, y) => x.id.localeCompare(y.id)),
          cables: [...p.cables].map((c) => JSON.stringify(c)).sort(),
          name: p.name,
        });
        // Positions: both-moved takes ours, so compare without positions.
        const strip = (p: Patch) =>
          canonical({ ...p, modules: p.modules.map((m) => ({ ...m, position: { x: 0, y: 0 } })) });
        expect(strip(ba.patch)).toEqual(strip(ab.patch));
        expect(ba.conflicts.length).toBe(ab.conflicts.length);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
