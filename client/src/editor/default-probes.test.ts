// Which probes a patch opens with, and which probe keys still name an output (inside subpatches too).
import { describe, expect, it } from 'vitest';
import { makeSubpatch } from '@patchdesk/modules/patch/make-subpatch';
import { catalog, samplePatch } from '../test-support/fixtures';
import { catalogPortTypes } from './catalog-port-types';
import { defaultProbes, existingProbes } from './default-probes';
import { withProbes } from './subpatch-view';

describe('probes of a patch', () => {
  it('opens with the indicator outputs and the source port feeding them', () => {
    expect(defaultProbes(samplePatch(), catalog)).toEqual(['bars.close', 'ema.out']);
  });

  it('keeps only the keys that name an output', () => {
    expect(existingProbes(['ema.out', 'ema.in', 'gone.out', 'add.out'], samplePatch(), catalog)).toEqual([
      'ema.out',
      'add.out',
    ]);
  });

  it('names a module inside a subpatch by its path, and renames the probes on show when it is made', () => {
    const before = withProbes(samplePatch(), defaultProbes(samplePatch(), catalog));
    const made = makeSubpatch(before, ['ema', 'add'], catalogPortTypes(catalog));
    if (!made.ok) throw new Error(made.problems[0].message);
    expect(made.patch.view?.probes).toEqual(['bars.close', 'sub/ema.out']);
    expect(
      existingProbes(['sub/ema.out', 'ema.out', 'sub/add.out', 'sub/nothing.out'], made.patch, catalog),
    ).toEqual(['sub/ema.out', 'sub/add.out']);
  });
});
