import { describe, expect, it } from 'vitest';
import { examplePatch } from '../../../server/backtest/testing';
import { patchWithSweepParams, sweepParamEdits } from './sweep-apply';

describe('sweep params as edits', () => {
  it('sets only the params that differ, and the patch they make', () => {
    const patch = examplePatch();
    const params = { 'ema-fast.period': 12, 'ema-slow.period': 40, 'gone.period': 3 };
    expect(sweepParamEdits(patch, params)).toEqual([
      { kind: 'setParam', moduleId: 'ema-slow', param: 'period', value: 40 },
    ]);
    const patched = patchWithSweepParams(patch, params);
    expect(patched.modules.find((m) => m.id === 'ema-slow')?.params.period).toBe(40);
    expect(patched.modules.find((m) => m.id === 'ema-fast')).toBe(
      patch.modules.find((m) => m.id === 'ema-fast'),
    );
    expect(patch.modules.find((m) => m.id === 'ema-slow')?.params.period).toBe(26);
  });
});
