import { describe, expect, it } from 'vitest';
import { catalog, samplePatch } from '../test-support/fixtures';
import { patchProblems, runBlockedReason } from './patch-problems';

describe('patchProblems', () => {
  it('finds nothing in a patch the catalog knows', () => {
    expect(patchProblems(samplePatch(), catalog)).toEqual([]);
    expect(runBlockedReason([])).toBeNull();
  });

  it('names a module of unknown type and every cable it drops', () => {
    const patch = samplePatch();
    patch.modules = patch.modules.map((module) =>
      module.id === 'ema' ? { ...module, type: 'indicators/kama-v2' } : module,
    );
    const problems = patchProblems(patch, catalog);
    expect(problems.map((problem) => problem.message)).toEqual([
      'module ema: unknown type "indicators/kama-v2" (not in this server\'s catalog)',
      'cable bars.close → ema.in: not drawn, module ema has an unknown type',
      'cable ema.out → add.a: not drawn, module ema has an unknown type',
    ]);
    expect(problems[0].moduleId).toBe('ema');
    expect(runBlockedReason(problems)).toBe('Cannot run: 3 problems in the patch (listed on the canvas)');
  });

  it('names a cable to a port the type does not have', () => {
    const patch = samplePatch();
    patch.cables = [
      ...patch.cables,
      { from: { module: 'ema', port: 'signal' }, to: { module: 'add', port: 'c' } },
    ];
    expect(patchProblems(patch, catalog).map((problem) => problem.message)).toEqual([
      'cable ema.signal → add.c: not drawn, indicators/ema has no output "signal"',
    ]);
  });
});
