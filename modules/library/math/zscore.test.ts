import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { zscore } from './zscore';
import { seededRandom } from '../../sdk/seeded-random';
import { loadBars } from '../indicators/testing/talib-fixture';

/**
 * Reference: two passes over each full window, population stddev. Values are first taken
 * relative to the window's first value, which is exact for values within a factor of two of
 * each other (Sterbenz), so the reference itself does not lose the digits a raw sum of
 * 1e6-sized numbers would.
 */
function naiveZscore(values: number[], period: number): number[] {
  return values.map((value, i) => {
    if (i + 1 < period) return Number.NaN;
    const window = values.slice(i + 1 - period, i + 1);
    if (!window.every(Number.isFinite) || window.every((v) => v === value)) return Number.NaN;
    const relative = window.map((v) => v - window[0]);
    const mean = relative.reduce((sum, v) => sum + v, 0) / period;
    const variance = relative.reduce((sum, v) => sum + (v - mean) ** 2, 0) / period;
    return (value - window[0] - mean) / Math.sqrt(variance);
  });
}

/** z-scores are O(1) quantities, so relative error is measured against max(|expected|, 1). */
function expectClose(actual: number[], expected: number[], tolerance = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i])) {
      expect(actual[i], `index ${i}`).toBeNaN();
      continue;
    }
    const error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1);
    worst = Math.max(worst, error);
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe('math/zscore', () => {
  it('matches hand-worked values (period 4)', () => {
    // [2, 4, 4, 6]: mean 4, population variance (4 + 0 + 0 + 4) / 4 = 2, z of 6 = 2 / sqrt(2).
    // [4, 4, 6, 10]: mean 6, variance (4 + 4 + 0 + 16) / 4 = 6, z of 10 = 4 / sqrt(6).
    const { out } = runSeries(zscore, { period: 4 }, { in: [2, 4, 4, 6, 10] });
    expect(out.slice(0, 3)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(out[3]).toBeCloseTo(Math.SQRT2, 14);
    expect(out[4]).toBeCloseTo(4 / Math.sqrt(6), 14);
  });

  it('matches a naive two-pass computation on random walks at BTC price levels', () => {
    const random = seededRandom(2024);
    let price = 65_000;
    const values = Array.from({ length: 6000 }, () => (price += (random() - 0.5) * 40));
    for (const period of [2, 3, 20, 500]) {
      expectClose(runSeries(zscore, { period }, { in: values }).out, naiveZscore(values, period));
    }
  });

  it('keeps full precision when the spread is tiny next to the level', () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 2000 }, () => 1e6 + random() * 1e-4);
    expectClose(runSeries(zscore, { period: 30 }, { in: values }).out, naiveZscore(values, 30));
  });

  it('stays precise when the variance collapses from a wide window to a tight one', () => {
    const random = seededRandom(11);
    // Alternating regimes: 40 values spread over +-5000, then 40 within +-0.001, around 65 000.
    const values = Array.from({ length: 800 }, (_, i) =>
      Math.floor(i / 40) % 2 === 0 ? 65_000 + (random() - 0.5) * 10_000 : 65_000 + (random() - 0.5) * 0.002,
    );
    for (const period of [2, 5, 16]) {
      expectClose(runSeries(zscore, { period }, { in: values }).out, naiveZscore(values, period));
    }
  });

  it('spaces exact recomputes so the cost stays amortised O(1) on adversarial data', () => {
    const period = 64;
    const steps = 4 * period;
    // Halving every value quarters m2 each step, so replace updates keep losing precision
    // (within four periods, so squares stay clear of float64 underflow).
    const values = Array.from({ length: steps }, (_, i) => 2 ** -i);
    const harness = createModuleHarness(zscore, { period });
    const state = harness.state as { updatesSinceRecompute: number };
    const out: number[] = [];
    const recomputedAt: number[] = [];
    for (let i = 0; i < steps; i++) {
      out.push(harness.step({ in: values[i] }).outputs.out as number);
      if (i >= period - 1 && state.updatesSinceRecompute === 0) recomputedAt.push(i);
    }
    // Extra exact passes did happen (more than one per period)...
    expect(recomputedAt.length).toBeGreaterThan(steps / period + 1);
    // ...but never closer than period / 8 updates apart, which bounds the cost per value.
    const gaps = recomputedAt.slice(1).map((at, k) => at - recomputedAt[k]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(period / 8);
    expectClose(out, naiveZscore(values, period));
  });

  it('is NaN while a NaN or infinity is in the window, then agrees with the reference again', () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 400 }, (_, i) =>
      i === 50 ? Number.NaN : i === 200 ? Number.POSITIVE_INFINITY : 10 + random(),
    );
    const out = runSeries(zscore, { period: 10 }, { in: values }).out;
    expect(out.slice(50, 60).every(Number.isNaN)).toBe(true);
    expect(out.slice(200, 210).every(Number.isNaN)).toBe(true);
    expect(out[60]).not.toBeNaN();
    expectClose(out, naiveZscore(values, 10));
  });

  it('is NaN on a flat window, and finite again as soon as a value differs', () => {
    const values = [3, 1, 2, 5, 5, 5, 5, 5, 7];
    const out = runSeries(zscore, { period: 3 }, { in: values }).out;
    expect(out.slice(5, 8)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    // [5, 5, 7]: mean 17/3, variance 8/9, z = (4/3) / (sqrt(8)/3) = sqrt(2).
    expect(out[8]).toBeCloseTo(Math.SQRT2, 12);
    expectClose(out, naiveZscore(values, 3));
  });

  it('gives the same z-scores at any price scale (BTC fixture closes times k)', () => {
    // Scale-free: no absolute threshold anywhere, so a coin priced near 1e-8 reads like BTC.
    const close = loadBars().close;
    for (const period of [20, 200]) {
      const base = runSeries(zscore, { period }, { in: close }).out;
      for (const k of [1e-8, 1e-4, 1e4, 1e8]) {
        expectClose(runSeries(zscore, { period }, { in: close.map((x) => x * k) }).out, base);
      }
      // Powers of two scale every rounding exactly: bit-identical.
      for (const k of [2 ** -40, 2 ** 40]) {
        expect(runSeries(zscore, { period }, { in: close.map((x) => x * k) }).out).toEqual(base);
      }
    }
  });

  it('is NaN on a flat window of a coin priced near 1e-9, and reads its moves', () => {
    const values = [3, 1, 2, 5, 5, 5, 5, 5, 7].map((x) => x * 1e-9);
    const out = runSeries(zscore, { period: 3 }, { in: values }).out;
    expect(out.slice(5, 8)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(out[8]).toBeCloseTo(Math.SQRT2, 9);
  });

  it('emits on every step, NaN during warm-up', () => {
    const harness = createModuleHarness(zscore, { period: 3 });
    const first = harness.step({ in: 1 });
    expect(first.emitted).toBe(true);
    expect(first.outputs.out).toBeNaN();
  });
});
