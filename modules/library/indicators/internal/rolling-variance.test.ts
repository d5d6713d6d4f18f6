import { describe, expect, it } from 'vitest';
import { randomWalk } from '../testing/seeded-random';
import { createRollingVariance, pushToVariance, windowDeviation, windowMean } from './rolling-variance';

function naiveDeviation(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('rolling variance', () => {
  it('reports full once size samples are in', () => {
    const rolling = createRollingVariance(3);
    expect(pushToVariance(rolling, 1)).toBe(false);
    expect(pushToVariance(rolling, 2)).toBe(false);
    expect(pushToVariance(rolling, 3)).toBe(true);
    expect(windowMean(rolling)).toBe(2);
    expect(windowDeviation(rolling)).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('follows a naive population deviation over a sliding window', () => {
    const values = randomWalk(3_000, 11);
    const rolling = createRollingVariance(10);
    values.forEach((x, i) => {
      if (pushToVariance(rolling, x)) {
        expect(windowDeviation(rolling)).toBeCloseTo(naiveDeviation(values.slice(i - 9, i + 1)), 8);
      }
    });
  });

  it('reports 0 for a flat window, however the rounding falls', () => {
    const rolling = createRollingVariance(4);
    for (const x of [46_123.7, 46_123.7, 46_123.7, 46_123.7, 46_123.7]) pushToVariance(rolling, x);
    expect(windowDeviation(rolling)).toBe(0);
  });
});
