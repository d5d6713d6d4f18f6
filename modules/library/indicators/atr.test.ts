import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { atr } from './atr';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

// Bars whose true ranges (from bar 1) are 2, 4, 1.
const smallBars = { high: [10, 11, 14, 13], low: [8, 9, 12, 12], close: [9, 10, 13, 12.5] };

describe('indicators/atr', () => {
  it('matches TA-Lib ATR(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(atr, { period: 14 }, { high, low, close }).out, 'atr14');
  });

  it('seeds with the mean of the first true ranges, then smooths the Wilder way', () => {
    // Seed (2 + 4) / 2 = 3 at bar 2, then (3 * 1 + 1) / 2 = 2.
    expect(runSeries(atr, { period: 2 }, smallBars).out).toEqual([NaN, NaN, 3, 2]);
  });

  it('is the true range at period 1, as in TA-Lib', () => {
    expect(runSeries(atr, { period: 1 }, smallBars).out).toEqual([NaN, 2, 4, 1]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      atr,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
