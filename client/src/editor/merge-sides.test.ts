import { describe, expect, it } from 'vitest';
import { mergePatches } from '@patchdesk/modules/patch/merge';
import { samplePatch } from '../test-support/fixtures';
import { conflictModule, conflictSideText } from './merge-sides';

describe('conflictSideText', () => {
  it('shows both values of a param both sides changed, and the module it is on', () => {
    const base = samplePatch();
    const withPeriod = (period: number) => ({
      ...base,
      modules: base.modules.map((module) =>
        module.id === 'ema' ? { ...module, params: { ...module.params, period } } : module,
      ),
    });
    const { conflicts } = mergePatches(base, withPeriod(40), withPeriod(50));
    expect(conflicts).toHaveLength(1);
    expect(conflictSideText(conflicts[0], 'ours')).toBe('40');
    expect(conflictSideText(conflicts[0], 'theirs')).toBe('50');
    expect(conflictModule(conflicts[0])).toBe('ema');
  });

  it('shows a rewired input by the output feeding it', () => {
    const base = samplePatch();
    const rewired = (port: string) => ({
      ...base,
      cables: base.cables.map((cable) =>
        cable.to.module === 'add' && cable.to.port === 'b'
          ? { ...cable, from: { module: 'bars', port } }
          : cable,
      ),
    });
    const { conflicts } = mergePatches(base, rewired('open'), rewired('high'));
    expect(
      conflicts.map((conflict) => [conflictSideText(conflict, 'ours'), conflictSideText(conflict, 'theirs')]),
    ).toEqual([['bars.open', 'bars.high']]);
  });
});
