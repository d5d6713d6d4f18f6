import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { change } from './change';

describe('math/change', () => {
  it('is NaN on the first value, then x - x[1]', () => {
    const { out } = runSeries(change, {}, { in: [100, 101.5, 101.5, 99, 120] });
    expect(out).toEqual([Number.NaN, 1.5, 0, -2.5, 21]);
  });

  it('gives NaN next to a NaN and recovers once two finite values follow', () => {
    const { out } = runSeries(change, {}, { in: [1, Number.NaN, 4, 6] });
    expect(out).toEqual([Number.NaN, Number.NaN, Number.NaN, 2]);
  });

  it('differences emitted values, however many ticks apart', () => {
    const harness = createModuleHarness(change);
    harness.step({ in: 10 }, { timeMs: 0 });
    expect(harness.step({ in: 13 }, { timeMs: 60_000 }).outputs.out).toBe(3);
  });
});
