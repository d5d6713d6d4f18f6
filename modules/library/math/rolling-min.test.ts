import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { rollingMin } from './rolling-min';
import { seededRandom } from '../../sdk/seeded-random';

/** Reference: scan each full window; NaN if short or holding a NaN. */
function naiveRollingMin(values: number[], period: number): number[] {
  return values.map((_, i) => {
    if (i + 1 < period) return Number.NaN;
    const window = values.slice(i + 1 - period, i + 1);
    return window.some(Number.isNaN) ? Number.NaN : Math.min(...window);
  });
}

describe('math/rolling-min', () => {
  it('is NaN until period values are seen, then the window min (hand-worked, period 3)', () => {
    expect(runSeries(rollingMin, { period: 3 }, { in: [5, 3, 4, 1, 2, 6] }).out).toEqual([
      Number.NaN,
      Number.NaN,
      3,
      1,
      1,
      1,
    ]);
  });

  it('is NaN while a NaN is inside the window and recovers when it slides out', () => {
    const values = [5, 1, 2, Number.NaN, 4, 3, 6, 2];
    expect(runSeries(rollingMin, { period: 3 }, { in: values }).out).toEqual([
      Number.NaN,
      Number.NaN,
      1,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      3,
      2,
    ]);
  });

  it('passes values straight through with period 1', () => {
    expect(runSeries(rollingMin, { period: 1 }, { in: [3, -1, Number.NaN, 2] }).out).toEqual([
      3,
      -1,
      Number.NaN,
      2,
    ]);
  });

  it('matches a naive scan over random data with NaN gaps, for several periods', () => {
    const random = seededRandom(42);
    const values = Array.from({ length: 3000 }, () =>
      random() < 0.01 ? Number.NaN : Math.round((100 + random() * 10) * 4) / 4,
    );
    for (const period of [2, 7, 50, 400]) {
      expect(runSeries(rollingMin, { period }, { in: values }).out).toEqual(naiveRollingMin(values, period));
    }
  });

  it('emits on every step, including the NaN warm-up', () => {
    const harness = createModuleHarness(rollingMin, { period: 5 });
    expect(harness.step({ in: 1 }).emitted).toBe(true);
  });

  it('keeps separate windows per instance', () => {
    const first = createModuleHarness(rollingMin, { period: 1 });
    const second = createModuleHarness(rollingMin, { period: 1 });
    first.step({ in: 10 });
    expect(second.step({ in: 20 }).outputs.out).toBe(20);
  });
});
