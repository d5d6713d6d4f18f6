import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { crossOver } from './cross-over';
import { seededRandom } from '../../sdk/seeded-random';

/** Reference over arrays: a[t] > b[t] and a[t-1] <= b[t-1], both steps free of NaN. */
function naiveCrossOver(a: number[], b: number[]): number[] {
  return a.map((_, t) => {
    if (t === 0) return 0;
    const finite = [a[t], b[t], a[t - 1], b[t - 1]].every((v) => !Number.isNaN(v));
    return finite && a[t] > b[t] && a[t - 1] <= b[t - 1] ? 1 : 0;
  });
}

describe('logic/cross-over', () => {
  it('fires only on the step a moves from at-or-below to above b (hand-worked)', () => {
    const a = [1, 2, 3, 3, 2, 2, 4];
    const b = [2, 2, 2, 2, 2, 2, 2];
    // t=2: 3 > 2 after 2 <= 2. t=6: 4 > 2 after 2 <= 2. Touching (t=1, t=4, t=5) does not fire.
    expect(runSeries(crossOver, {}, { a, b }).out).toEqual([0, 0, 1, 0, 0, 0, 1]);
  });

  it('is false on the first step even when a is above b', () => {
    expect(runSeries(crossOver, {}, { a: [5], b: [1] }).out).toEqual([0]);
  });

  it('is false at a NaN and on the step after it, however the values move', () => {
    const a = [1, Number.NaN, 3, 1, 3];
    const b = [2, 2, 2, 2, 2];
    expect(runSeries(crossOver, {}, { a, b }).out).toEqual([0, 0, 0, 0, 1]);
    expect(runSeries(crossOver, {}, { a: [1, 3], b: [Number.NaN, 2] }).out).toEqual([0, 0]);
  });

  it('matches the array reference on random series with NaN gaps', () => {
    const next = seededRandom(12345);
    const a = Array.from({ length: 500 }, () => (next() < 0.03 ? Number.NaN : Math.round(next() * 8)));
    const b = Array.from({ length: 500 }, () => Math.round(next() * 8));
    expect(runSeries(crossOver, {}, { a, b }).out).toEqual(naiveCrossOver(a, b));
  });

  it('compares against held values when only one input emits', () => {
    const harness = createModuleHarness(crossOver);
    harness.step({ a: 100, b: 101 });
    expect(harness.step({ b: 99.5 }, { changed: ['b'] }).outputs.out).toBe(true);
  });
});
