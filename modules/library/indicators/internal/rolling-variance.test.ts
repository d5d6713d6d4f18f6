import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../sdk/seeded-random';
import { randomWalk } from '../testing/seeded-random';
import { createRollingVariance, pushToVariance, windowMean } from './rolling-variance';
import type { RollingVariance } from './rolling-variance';

/**
 * Reference: two passes over the window, in coordinates relative to its first value (exact for
 * values within a factor of two of each other), so it keeps the digits a raw sum of squares of
 * prices would cancel.
 */
function naiveDeviation(values: number[]): number {
  const relative = values.map((v) => v - values[0]);
  const mean = relative.reduce((a, b) => a + b, 0) / relative.length;
  return Math.sqrt(relative.reduce((a, b) => a + (b - mean) ** 2, 0) / relative.length);
}

/** Runs the rolling deviation over `values`; NaN until the window is full. */
function deviations(values: readonly number[], size: number): number[] {
  const rolling = createRollingVariance(size);
  return values.map((x) => (pushToVariance(rolling, { in: x }) ? rolling.deviation : Number.NaN));
}

function expectCloseToNaive(values: number[], size: number, tolerance = 1e-12): void {
  const out = deviations(values, size);
  let worst = 0;
  for (let i = size - 1; i < values.length; i++) {
    const expected = naiveDeviation(values.slice(i + 1 - size, i + 1));
    worst = Math.max(worst, Math.abs(out[i] - expected) / expected);
  }
  expect(worst).toBeLessThan(tolerance);
}

describe('rolling variance', () => {
  it('reports full once size samples are in', () => {
    const rolling = createRollingVariance(3);
    expect(pushToVariance(rolling, { in: 1 })).toBe(false);
    expect(pushToVariance(rolling, { in: 2 })).toBe(false);
    expect(pushToVariance(rolling, { in: 3 })).toBe(true);
    expect(windowMean(rolling)).toBe(2);
    expect(rolling.deviation).toBeCloseTo(Math.sqrt(2 / 3), 15);
  });

  it('follows a naive population deviation to 1e-12 relative at BTC prices', () => {
    // Steps of +-1 around 46 000: mean^2 / variance ~ 1e9, where E[x^2] - mean^2 keeps 7 digits.
    expectCloseToNaive(randomWalk(5_000, 11, 46_000, 1), 10);
    expectCloseToNaive(randomWalk(5_000, 12, 46_000, 1), 200);
  });

  it('is as precise for a coin priced near 0.001 or 1e-8 as for BTC', () => {
    expectCloseToNaive(randomWalk(3_000, 13, 0.001, 0.000_001), 20);
    expectCloseToNaive(randomWalk(3_000, 14, 1e-8, 1e-11), 20);
  });

  it('stays precise when a wide window slides into a tight one', () => {
    const random = seededRandom(15);
    // 30 samples spread over +-5000, then 30 within +-0.001, around 46 000, alternating.
    const values = Array.from({ length: 600 }, (_, i) =>
      Math.floor(i / 30) % 2 === 0 ? 46_000 + (random() - 0.5) * 10_000 : 46_000 + (random() - 0.5) * 0.002,
    );
    for (const size of [2, 7, 20]) expectCloseToNaive(values, size, 1e-10);
  });

  it('is exactly 0 for a flat window, at any level and after any history', () => {
    for (const level of [46_123.7, 0.1, 0.001, 3e-9]) {
      const moving = randomWalk(50, 16, level, level / 100);
      const out = deviations([...moving, ...Array<number>(8).fill(level), level * 1.5], 4);
      // Windows 50..53 straddle the move into the flat stretch; 53..57 are flat.
      expect(out.slice(53, 58)).toEqual([0, 0, 0, 0, 0]);
      expect(out[58] / naiveDeviation([level, level, level, level * 1.5])).toBeCloseTo(1, 12);
    }
  });

  it('reads a real spread, however small next to the level, as non-zero', () => {
    // Prices near 0.001 moving by 1e-7: a variance of ~1e-14, under TA-Lib's 1e-8 "zero".
    const out = deviations([0.001, 0.001_000_1, 0.001, 0.001_000_1], 4);
    expect(out[3] / 0.000_000_05).toBeCloseTo(1, 9);
  });

  it('recomputes its sums exactly at least once per window length', () => {
    const rolling: RollingVariance = createRollingVariance(5);
    let mostUpdates = 0;
    for (const x of randomWalk(100, 17, 46_000, 10)) {
      pushToVariance(rolling, { in: x });
      mostUpdates = Math.max(mostUpdates, rolling.updatesSinceExact);
    }
    expect(mostUpdates).toBe(5);
  });
});
