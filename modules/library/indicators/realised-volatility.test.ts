import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { realisedVolatility } from './realised-volatility';

describe('indicators/realised-volatility', () => {
  it('is the RMS of the last period log returns, by hand', () => {
    // Prices chosen so the log returns are exact multiples of ln 2: 100 -> 200 -> 100 -> 400.
    // Returns: +ln2, -ln2, +2 ln2. Period 2:
    //   after 200,100: sqrt((ln2^2 + ln2^2) / 2) = ln2
    //   after 400:     sqrt((ln2^2 + 4 ln2^2) / 2) = ln2 * sqrt(2.5)
    const ln2 = Math.log(2);
    const out = runSeries(
      realisedVolatility,
      { period: 2, periodsPerYear: 1 },
      { in: [100, 200, 100, 400] },
    ).out;
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(ln2, 15);
    expect(out[3]).toBeCloseTo(ln2 * Math.sqrt(2.5), 15);
  });

  it('annualises by sqrt(periodsPerYear); a flat series is exactly 0', () => {
    const perBar = runSeries(realisedVolatility, { period: 3, periodsPerYear: 1 }, { in: [10, 11, 10, 11] })
      .out[3];
    const yearly = runSeries(
      realisedVolatility,
      { period: 3, periodsPerYear: 8_760 },
      { in: [10, 11, 10, 11] },
    ).out[3];
    // |ln(11/10)| = |ln(10/11)|: every square is the same, so the RMS is that one return.
    expect(perBar).toBeCloseTo(Math.log(1.1), 15);
    expect(yearly / perBar).toBeCloseTo(Math.sqrt(8_760), 10);
    expect(runSeries(realisedVolatility, { period: 2 }, { in: [5, 5, 5, 5] }).out.slice(2)).toEqual([0, 0]);
    // Movement that has left the window leaves no rounding residue: exactly 0 again.
    expect(runSeries(realisedVolatility, { period: 2 }, { in: [3, 7, 3, 3, 3] }).out[4]).toBe(0);
  });

  it('skips NaN and non-positive prices (NaN out, state kept) and reads the same at any price scale', () => {
    const prices = [100, 101, Number.NaN, 99, 0, 102, 100];
    const clean = [100, 101, 99, 102, 100];
    const out = runSeries(realisedVolatility, { period: 2 }, { in: prices }).out;
    const expected = runSeries(realisedVolatility, { period: 2 }, { in: clean }).out;
    expect(out[2]).toBeNaN();
    expect(out[4]).toBeNaN();
    expect([out[0], out[1], out[3], out[5], out[6]]).toEqual(expected);
    const tiny = runSeries(realisedVolatility, { period: 2 }, { in: clean.map((p) => p * 1e-8) }).out;
    tiny.slice(2).forEach((v, i) => expect(v).toBeCloseTo(expected[i + 2], 12));
  });

  it('matches a naive recomputation over a long series (the running sum does not drift)', () => {
    const prices = Array.from(
      { length: 5_000 },
      (_, i) => 100 * Math.exp(0.01 * Math.sin(i * 0.7) + 0.002 * (i % 13)),
    );
    const period = 50;
    const out = runSeries(realisedVolatility, { period }, { in: prices }).out;
    for (const i of [period, 1_234, 4_999]) {
      let sum = 0;
      for (let j = i - period + 1; j <= i; j++) sum += Math.log(prices[j] / prices[j - 1]) ** 2;
      expect(Math.abs(out[i] / Math.sqrt(sum / period) - 1)).toBeLessThan(1e-12);
    }
  });
});
