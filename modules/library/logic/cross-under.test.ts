import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { crossUnder } from './cross-under';
import { seededRandom } from '../../sdk/seeded-random';

/** Reference over arrays: a[t] < b[t] and a[t-1] >= b[t-1], both steps free of NaN. */
function naiveCrossUnder(a: number[], b: number[]): number[] {
  return a.map((_, t) => {
    if (t === 0) return 0;
    const finite = [a[t], b[t], a[t - 1], b[t - 1]].every((v) => !Number.isNaN(v));
    return finite && a[t] < b[t] && a[t - 1] >= b[t - 1] ? 1 : 0;
  });
}

describe('logic/cross-under', () => {
  it('fires only on the step a moves from at-or-above to below b (hand-worked)', () => {
    const a = [3, 2, 1, 1, 2, 2, 0];
    const b = [2, 2, 2, 2, 2, 2, 2];
    expect(runSeries(crossUnder, {}, { a, b }).out).toEqual([0, 0, 1, 0, 0, 0, 1]);
  });

  it('is false on the first step even when a is below b', () => {
    expect(runSeries(crossUnder, {}, { a: [1], b: [5] }).out).toEqual([0]);
  });

  it('is false at a NaN and on the step after it', () => {
    const a = [3, Number.NaN, 1, 3, 1];
    const b = [2, 2, 2, 2, 2];
    expect(runSeries(crossUnder, {}, { a, b }).out).toEqual([0, 0, 0, 0, 1]);
  });

  it('matches the array reference on random series with NaN gaps', () => {
    const next = seededRandom(777);
    const a = Array.from({ length: 500 }, () => Math.round(next() * 8));
    const b = Array.from({ length: 500 }, () => (next() < 0.03 ? Number.NaN : Math.round(next() * 8)));
    expect(runSeries(crossUnder, {}, { a, b }).out).toEqual(naiveCrossUnder(a, b));
  });

  it('compares against held values when only one input emits', () => {
    const harness = createModuleHarness(crossUnder);
    harness.step({ a: 100, b: 99 });
    expect(harness.step({ b: 100.5 }, { changed: ['b'] }).outputs.out).toBe(true);
  });
});
