// editsBetween: the edits of make and unmake subpatch, applied by applyEdits, give the patch
// make and unmake computed (order aside), for any selection of a random patch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './edits';
import { editsBetween } from './edits-between';
import { makeSubpatch, unmakeSubpatch } from './make-subpatch';
import { canonical, randomPatchArbitrary } from './subpatch-test-patches';
import { createTestRegistry } from './test-registry';
import type { Patch, PatchModule } from './types';

const registry = createTestRegistry();

/** addModule fills a module's missing params with their defaults, as the server does. */
function withDefaults(patch: Patch): Patch {
  const fill = (m: PatchModule) =>
    registry.get(m.type) ? { ...m, params: registry.paramsWithDefaults(m.type, m.params) } : m;
  return {
    ...patch,
    modules: patch.modules.map(fill),
    ...(patch.subpatches
      ? { subpatches: patch.subpatches.map((s) => ({ ...s, modules: s.modules.map(fill) })) }
      : {}),
  };
}

describe('editsBetween', () => {
  it('replays make and unmake subpatch as one group of edits', () => {
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
        if (!made.ok) throw new Error('make failed');
        const forward = applyEdits(patch, editsBetween(patch, made.patch), registry);
        expect(forward.ok && canonical(withDefaults(forward.patch))).toEqual(
          canonical(withDefaults(made.patch)),
        );
        const unmade = unmakeSubpatch(made.patch, made.instanceId);
        if (!unmade.ok) throw new Error('unmake failed');
        const back = applyEdits(made.patch, editsBetween(made.patch, unmade.patch), registry);
        expect(back.ok && canonical(withDefaults(back.patch))).toEqual(canonical(withDefaults(patch)));
      }),
    );
  });

  it('is empty between a patch and itself', () => {
    fc.assert(
      fc.property(randomPatchArbitrary, (patch) => {
        expect(editsBetween(patch, patch)).toEqual([]);
      }),
    );
  });
});
