// Nested subpatches: a definition holding an instance of another. Flattening opens them level by
// level into paths (`outer/inner/module`), validation and diff name modules by those paths, a
// definition that contains itself or nests too deep is refused, and (property) wrapping a patch
// in another level changes its flat form by a prefix only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPatches, renderDiff } from './diff';
import { flattenPatch } from './flatten';
import { makeSubpatch } from './make-subpatch';
import { parsePatch, subpatchDepthMax } from './schema';
import { canonical, randomPatchArbitrary } from './subpatch-test-patches';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchModule, Subpatch } from './types';
import { blockingProblems } from './types';
import { validatePatch } from './validate';

const registry = createTestRegistry();
const at = { x: 0, y: 0 };

/** `smooth` is an EMA; `signal` holds a `smooth` and compares the input with it. */
function nested(period = 5): Patch {
  const smooth: Subpatch = {
    id: 'smooth',
    title: 'Smooth',
    inlets: [{ name: 'in', type: 'number', to: [{ module: 'ema', port: 'price' }] }],
    outlets: [{ name: 'out', type: 'number', from: { module: 'ema', port: 'value' } }],
    modules: [{ id: 'ema', type: 'indicators/ema', params: { period }, position: at }],
    cables: [],
  };
  const signal: Subpatch = {
    id: 'signal',
    title: 'Signal',
    inlets: [
      {
        name: 'x',
        type: 'number',
        to: [
          { module: 's', port: 'in' },
          { module: 'gt', port: 'a' },
        ],
      },
    ],
    outlets: [{ name: 'above', type: 'bool', from: { module: 'gt', port: 'value' } }],
    modules: [
      { id: 's', type: 'subpatch:smooth', params: {}, position: at },
      { id: 'gt', type: 'logic/greater', params: {}, position: at },
    ],
    cables: [{ from: { module: 's', port: 'out' }, to: { module: 'gt', port: 'b' } }],
  };
  return {
    schemaVersion: 1,
    name: 'nested',
    description: '',
    modules: [
      { id: 'c1', type: 'sources/constant', params: { value: 1 }, position: at },
      { id: 'sig', type: 'subpatch:signal', params: {}, position: at },
    ],
    cables: [{ from: { module: 'c1', port: 'value' }, to: { module: 'sig', port: 'x' } }],
    subpatches: [smooth, signal],
    view: { probes: ['sig/s/ema.value'] },
  };
}

function flat(patch: Patch): Patch {
  const result = flattenPatch(patch);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.patch;
}

const key = (c: Patch['cables'][number]) => `${c.from.module}.${c.from.port}>${c.to.module}.${c.to.port}`;

describe('nested subpatches', () => {
  it('flatten opens every level into paths and reroutes through both levels of inlets', () => {
    const result = flat(nested());
    expect(result.modules.map((m) => m.id)).toEqual(['c1', 'sig/s/ema', 'sig/gt']);
    // By hand: c1 feeds sig.x, which feeds s.in (so ema.price) and gt.a; s.out (ema.value)
    // feeds gt.b.
    expect(result.cables.map(key).sort()).toEqual(
      ['c1.value>sig/gt.a', 'c1.value>sig/s/ema.price', 'sig/s/ema.value>sig/gt.b'].sort(),
    );
    expect(blockingProblems(validatePatch(nested(), registry))).toEqual([]);
  });

  it('the file schema takes the nested definitions and a probe by a two-level path', () => {
    expect(parsePatch(nested()).ok).toBe(true);
    const tooDeep = { ...nested(), view: { probes: ['a/b/c/d/e/f.value'] } };
    const refused = parsePatch(tooDeep);
    expect(!refused.ok && refused.problems[0].message).toMatch(
      /^view\.probes\[0\]: a probe key is MODULE\.PORT/,
    );
  });

  it('validation and diff name a module inside by its whole path', () => {
    const problems = validatePatch(nested(0), registry);
    expect(problems[0]).toMatchObject({ code: 'PARAM_INVALID', location: { moduleId: 'sig/s/ema' } });
    expect(renderDiff(diffPatches(nested(5), nested(9)))).toMatch(/sig\/s\/ema.*period/);
  });

  it('refuses a definition that contains itself, naming the chain', () => {
    const patch = nested();
    patch.subpatches![0].modules.push({ id: 'loop', type: 'subpatch:signal', params: {}, position: at });
    const result = flattenPatch(patch);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      'subpatch "smooth" contains itself: smooth → signal → smooth',
    ]);
  });

  it('refuses nesting deeper than subpatchDepthMax, and runs it at exactly that depth', () => {
    const deep = (levels: number): Patch => {
      const subpatches: Subpatch[] = [];
      for (let level = 1; level <= levels; level++) {
        const inner: PatchModule =
          level === 1
            ? { id: 'c', type: 'sources/constant', params: { value: 7 }, position: at }
            : { id: 'c', type: `subpatch:d${level - 1}`, params: {}, position: at };
        subpatches.push({
          id: `d${level}`,
          title: '',
          inlets: [],
          outlets: [{ name: 'value', type: 'number', from: { module: 'c', port: 'value' } }],
          modules: [inner],
          cables: [],
        });
      }
      return {
        schemaVersion: 1,
        name: 'deep',
        description: '',
        modules: [{ id: 'top', type: `subpatch:d${levels}`, params: {}, position: at }],
        cables: [],
        subpatches,
      };
    };
    const deepest = flat(deep(subpatchDepthMax));
    expect(deepest.modules.map((m) => m.id)).toEqual([`top${'/c'.repeat(subpatchDepthMax)}`]);
    const refused = flattenPatch(deep(subpatchDepthMax + 1));
    expect(!refused.ok && refused.problems[0].message).toBe(
      `subpatch "d${subpatchDepthMax + 1}" nests ${subpatchDepthMax + 1} levels deep; at most ${subpatchDepthMax} run`,
    );
  });

  it('names an unknown port of an instance inside by its path', () => {
    const patch = nested();
    patch.subpatches![1].cables = [{ from: { module: 's', port: 'nope' }, to: { module: 'gt', port: 'b' } }];
    const result = flattenPatch(patch);
    expect(!result.ok && result.problems[0]).toMatchObject({
      code: 'UNKNOWN_PORT',
      message: 'a cable inside: subpatch "sig/s" (smooth) has no outlet "nope"; its outlets are: out',
      location: { moduleId: 'sig/s', port: 'nope' },
    });
  });

  it('property: wrapping a patch with a subpatch in one more level only prefixes its flat form', () => {
    const withSelection = randomPatchArbitrary.chain((patch) =>
      fc.tuple(
        fc.constant(patch),
        fc.subarray(
          patch.modules.map((m) => m.id),
          { minLength: 1 },
        ),
      ),
    );
    fc.assert(
      fc.property(withSelection, ([patch, ids]) => {
        const made = makeSubpatch(patch, ids, registry);
        if (!made.ok) throw new Error(made.problems[0].message);
        const packed = made.patch;
        // Everything on the top level goes into `wrap`, which has no ports: one instance `w`.
        const wrapped: Patch = {
          ...packed,
          modules: [{ id: 'w', type: 'subpatch:wrap', params: {}, position: at }],
          cables: [],
          subpatches: [
            ...(packed.subpatches ?? []),
            {
              id: 'wrap',
              title: '',
              inlets: [],
              outlets: [],
              modules: packed.modules,
              cables: packed.cables,
            },
          ],
        };
        const once = flat(packed);
        const twice = flat(wrapped);
        const unprefix = (id: string) => id.slice('w/'.length);
        const stripped: Patch = {
          ...twice,
          modules: twice.modules.map((m) => ({ ...m, id: unprefix(m.id) })),
          cables: twice.cables.map((c) => ({
            from: { ...c.from, module: unprefix(c.from.module) },
            to: { ...c.to, module: unprefix(c.to.module) },
          })),
        };
        expect(canonical(stripped)).toEqual(canonical(once));
        expect(blockingProblems(validatePatch(wrapped, registry))).toEqual([]);
      }),
    );
  });
});
