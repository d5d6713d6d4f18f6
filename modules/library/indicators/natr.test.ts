import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { natr } from './natr';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/natr', () => {
  it('matches TA-Lib NATR(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(natr, { period: 14 }, { high, low, close }).out, 'natr14');
  });

  it('is the ATR in percent of the close, 0 on a zero close', () => {
    const bars = { high: [10, 11, 14, 13], low: [8, 9, 12, 0], close: [9, 10, 13, 0] };
    // True ranges 2, 4, 13: ATR 3 at bar 2, then (3 + 13) / 2 = 8 on a close of 0.
    const out = runSeries(natr, { period: 2 }, bars).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    expect(out[2]).toBeCloseTo((3 / 13) * 100, 12);
    expect(out[3]).toBe(0);
  });

  it('reads a coin priced under 1e-8 (TA-Lib: 0)', () => {
    const unit = { high: [11, 12, 13], low: [9, 10, 11], close: [10, 11, 12] };
    const tiny = Object.fromEntries(Object.entries(unit).map(([k, v]) => [k, v.map((x) => x * 2 ** -40)]));
    const out = runSeries(natr, { period: 2 }, tiny).out;
    expect(out[2]).toBeGreaterThan(0);
    expect(out).toEqual(runSeries(natr, { period: 2 }, unit).out);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      natr,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
