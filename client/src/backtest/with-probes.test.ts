import { describe, expect, it } from 'vitest';
import type { Patch } from '@patchdesk/modules/patch/types';
import { withShownProbes } from './with-probes';

const patch = {
  schemaVersion: 1,
  name: 'p',
  modules: [],
  cables: [],
  view: { probes: ['a.out'] },
} as unknown as Patch;

describe('withShownProbes', () => {
  it('sends the probes on show, keeping the rest of the view and the patch untouched', () => {
    const sent = withShownProbes(patch, ['b.out', 'c.out']);
    expect(sent.view?.probes).toEqual(['b.out', 'c.out']);
    expect(patch.view?.probes).toEqual(['a.out']);
  });

  it('keeps the saved probes when none are on show', () => {
    expect(withShownProbes(patch, [])).toBe(patch);
  });
});
