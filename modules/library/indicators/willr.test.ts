import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { willr } from './willr';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/willr', () => {
  it('matches TA-Lib WILLR(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(willr, { period: 14 }, { high, low, close }).out, 'willr14');
  });

  it('places the close in the window range, -100 at the low and 0 at the high', () => {
    const bars = { high: [10, 12, 11, 11], low: [8, 9, 10, 10], close: [9, 9, 11, 10] };
    const out = runSeries(willr, { period: 2 }, bars).out;
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(-75, 12); // high 12, low 8, close 9
    expect(out[2]).toBeCloseTo((-100 * 1) / 3, 12); // high 12, low 9, close 11
    expect(out[3]).toBe(-100); // high 11, low 10, close 10
  });

  it('is 0 when the window has no range', () => {
    const flat = { high: [5, 5, 5], low: [5, 5, 5], close: [5, 5, 5] };
    expect(runSeries(willr, { period: 2 }, flat).out).toEqual([NaN, 0, 0]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      willr,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
