// Subpatches: make from a selection and unmake, flatten, validation and diff by path, the
// setSubpatch/removeSubpatch edits, the file schema and serialization, and merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPatches, renderDiff } from './diff';
import { applyEdits } from './edits';
import { flattenPatch } from './flatten';
import { makeSubpatch, unmakeSubpatch } from './make-subpatch';
import { mergePatches } from './merge';
import { parsePatchJson } from './schema';
import { serializePatch } from './serialize';
import { canonical, randomPatchArbitrary } from './subpatch-test-patches';
import { createTestRegistry } from './test-registry';
import type { Patch, Subpatch } from './types';
import { blockingProblems } from './types';
import { validatePatch } from './validate';

const registry = createTestRegistry();

function chain(): Patch {
  return {
    schemaVersion: 1,
    name: 'chain',
    description: '',
    modules: [
      { id: 'c1', type: 'sources/constant', params: { value: 1 }, position: { x: 0, y: 0 } },
      { id: 'c2', type: 'sources/constant', params: { value: 2 }, position: { x: 0, y: 100 } },
      { id: 'add', type: 'math/add', params: {}, position: { x: 200, y: 50 } },
      { id: 'ema', type: 'indicators/ema', params: { period: 5 }, position: { x: 400, y: 50 } },
      { id: 'gt', type: 'logic/greater', params: {}, position: { x: 600, y: 50 } },
    ],
    cables: [
      { from: { module: 'c1', port: 'value' }, to: { module: 'add', port: 'a' } },
      { from: { module: 'c2', port: 'value' }, to: { module: 'add', port: 'b' } },
      { from: { module: 'add', port: 'value' }, to: { module: 'ema', port: 'price' } },
      { from: { module: 'ema', port: 'value' }, to: { module: 'gt', port: 'a' } },
      { from: { module: 'c1', port: 'value' }, to: { module: 'gt', port: 'b' } },
    ],
    view: { probes: ['ema.value', 'gt.value'] },
  };
}

function made(patch: Patch, ids: string[]): { patch: Patch; instanceId: string } {
  const result = makeSubpatch(patch, ids, registry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

describe('makeSubpatch', () => {
  it('turns cables across the edge into typed inlets and outlets', () => {
    const { patch, instanceId } = made(chain(), ['add', 'ema']);
    expect(instanceId).toBe('sub');
    const subpatch = patch.subpatches?.[0] as Subpatch;
    expect(subpatch.inlets).toEqual([
      { name: 'value', type: 'number', to: [{ module: 'add', port: 'a' }] },
      { name: 'c2_value', type: 'number', to: [{ module: 'add', port: 'b' }] },
    ]);
    expect(subpatch.outlets).toEqual([
      { name: 'ema', type: 'number', from: { module: 'ema', port: 'value' } },
    ]);
    expect(patch.modules.map((m) => m.id)).toEqual(['c1', 'c2', 'sub', 'gt']);
    expect(patch.modules[2]).toMatchObject({ type: 'subpatch:sub', position: { x: 200, y: 50 } });
    expect(patch.view?.probes).toEqual(['sub/ema.value', 'gt.value']);
    expect(blockingProblems(validatePatch(patch, registry))).toEqual([]);
  });

  it('round-trips through the file format and serializes with a stable key order', () => {
    const { patch } = made(chain(), ['add', 'ema']);
    const text = serializePatch(patch);
    const parsed = parsePatchJson(text);
    expect(parsed.ok && serializePatch(parsed.patch)).toBe(text);
  });

  it('refuses an empty selection, a missing module and nesting, saying which', () => {
    const refusal = (patch: Patch, ids: string[]) => {
      const result = makeSubpatch(patch, ids, registry);
      return result.ok ? 'made' : result.problems[0].message;
    };
    expect(refusal(chain(), [])).toMatch(/select at least one module/);
    expect(refusal(chain(), ['nope'])).toMatch(/no module "nope"/);
    expect(refusal(made(chain(), ['add']).patch, ['sub', 'ema'])).toMatch(/"sub" is a subpatch already/);
  });
});

describe('flattenPatch', () => {
  it('names inner modules by path and reroutes the edge cables', () => {
    const { patch } = made(chain(), ['add', 'ema']);
    const flat = flattenPatch(patch);
    if (!flat.ok) throw new Error('did not flatten');
    expect(flat.patch.modules.map((m) => m.id).sort()).toEqual(['c1', 'c2', 'gt', 'sub/add', 'sub/ema']);
    expect(flat.patch.subpatches).toBeUndefined();
    expect(renderDiff(diffPatches(chain(), patch))).toContain('+ module sub/ema');
  });

  it('reports an unknown outlet and a missing definition as problems, not throws', () => {
    const { patch } = made(chain(), ['add', 'ema']);
    const badCable = {
      ...patch,
      cables: [...patch.cables, { from: { module: 'sub', port: 'nope' }, to: { module: 'gt', port: 'b' } }],
    };
    expect(validatePatch(badCable, registry).map((p) => p.message)).toEqual([
      expect.stringMatching(/subpatch "sub" \(sub\) has no outlet "nope"; its outlets are: ema/),
    ]);
    const noDefinition = { ...patch, subpatches: [] };
    expect(validatePatch(noDefinition, registry)[0]).toMatchObject({
      code: 'SUBPATCH_INVALID',
      location: { moduleId: 'sub' },
    });
  });

  it('names a problem inside a subpatch by its path', () => {
    const { patch } = made(chain(), ['add', 'ema']);
    const subpatch = structuredClone(patch.subpatches![0]);
    subpatch.modules[1].params.period = 0; // below the test EMA's minimum (1)
    const edited = applyEdits(patch, [{ kind: 'setSubpatch', subpatch }], registry);
    expect(edited.ok).toBe(false);
    if (!edited.ok)
      expect(edited.problems[0]).toMatchObject({ code: 'PARAM_INVALID', location: { moduleId: 'sub/ema' } });
    const tooWide = structuredClone(patch.subpatches![0]);
    tooWide.outlets[0].type = 'bool';
    expect(validatePatch({ ...patch, subpatches: [tooWide] }, registry).map((p) => p.message)).toContain(
      'subpatch "sub": outlet "ema" is a bool but shows ema.value, a number output',
    );
  });
});

describe('subpatch edits', () => {
  it('setSubpatch edits a definition inside; removeSubpatch is refused while an instance uses it', () => {
    const { patch } = made(chain(), ['add', 'ema']);
    const subpatch = structuredClone(patch.subpatches![0]);
    subpatch.modules[1].params.period = 9;
    const edited = applyEdits(patch, [{ kind: 'setSubpatch', subpatch }], registry);
    expect(edited.ok && edited.patch.subpatches?.[0].modules[1].params.period).toBe(9);
    const removed = applyEdits(patch, [{ kind: 'removeSubpatch', subpatchId: 'sub' }], registry);
    expect(!removed.ok && removed.problems[0].message).toMatch(
      /module "sub" is an instance of subpatch "sub"/,
    );
    const both = applyEdits(
      patch,
      [
        { kind: 'removeModule', moduleId: 'sub' },
        { kind: 'removeSubpatch', subpatchId: 'sub' },
      ],
      registry,
    );
    expect(both.ok && both.patch.subpatches).toBeUndefined();
  });
});

describe('merge with subpatches', () => {
  it('merges edits of different params inside one subpatch and names a conflict by path', () => {
    const base = made(chain(), ['add', 'ema']).patch;
    const withPeriod = (patch: Patch, period: number, value?: number) => {
      const subpatch = structuredClone(patch.subpatches![0]);
      subpatch.modules[1].params.period = period;
      if (value !== undefined) subpatch.modules[0].position = { x: value, y: 0 };
      return { ...patch, subpatches: [subpatch] };
    };
    const clean = mergePatches(base, withPeriod(base, 7), withPeriod(base, 5, 999));
    expect(clean.conflicts).toEqual([]);
    expect(clean.patch.subpatches![0].modules[1].params.period).toBe(7);
    expect(clean.patch.subpatches![0].modules[0].position).toEqual({ x: 999, y: 0 });
    const clash = mergePatches(base, withPeriod(base, 7), withPeriod(base, 8, 1), { defaultSide: 'theirs' });
    expect(clash.conflicts).toMatchObject([
      { id: 'subpatch:sub/param:ema.period', kind: 'param', moduleId: 'sub/ema' },
    ]);
    expect(clash.patch.subpatches![0].modules[1].params.period).toBe(8);
  });

  it('reports one side deleting a subpatch the other edited', () => {
    const base = made(chain(), ['add', 'ema']).patch;
    const unmade = unmakeSubpatch(base, 'sub');
    if (!unmade.ok) throw new Error('unmake failed');
    const subpatch = structuredClone(base.subpatches![0]);
    subpatch.modules[1].params.period = 7;
    const result = mergePatches(base, unmade.patch, { ...base, subpatches: [subpatch] });
    expect(result.conflicts.map((c) => c.id)).toContain('subpatch:sub');
  });
});

describe('subpatch properties', () => {
  const withSelection = randomPatchArbitrary.chain((patch) =>
    fc.tuple(
      fc.constant(patch),
      fc.subarray(
        patch.modules.map((m) => m.id),
        { minLength: 1 },
      ),
    ),
  );

  it('make then unmake gives the original patch (order aside)', () => {
    fc.assert(
      fc.property(withSelection, ([patch, ids]) => {
        const { patch: packed, instanceId } = made(patch, ids);
        const back = unmakeSubpatch(packed, instanceId);
        expect(back.ok && canonical(back.patch)).toEqual(canonical(patch));
      }),
    );
  });

  it('flatten of a patch without subpatches is the patch itself', () => {
    fc.assert(
      fc.property(randomPatchArbitrary, (patch) => {
        const flat = flattenPatch(patch);
        expect(flat.ok && flat.patch).toBe(patch);
      }),
    );
  });

  it('a made subpatch flattens to a patch that validates, with the same problems by path', () => {
    fc.assert(
      fc.property(withSelection, ([patch, ids]) => {
        const { patch: packed, instanceId } = made(patch, ids);
        const flat = flattenPatch(packed);
        expect(flat.ok).toBe(true);
        if (!flat.ok) return;
        expect(blockingProblems(validatePatch(flat.patch, registry))).toEqual([]);
        const rename = (id: string) => (ids.includes(id) ? `${instanceId}/${id}` : id);
        const missing = (p: Patch, map: (id: string) => string) =>
          validatePatch(p, registry)
            .map(
              (problem) => `${problem.code} ${map(problem.location.moduleId ?? '')}.${problem.location.port}`,
            )
            .sort();
        expect(missing(packed, (id) => id)).toEqual(missing(patch, rename));
      }),
    );
  });
});
