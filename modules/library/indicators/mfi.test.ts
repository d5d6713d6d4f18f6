import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { mfi } from './mfi';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

/** Bars with high = low = close, so the typical price is the close. */
function flatBars(prices: number[], volume: number[]) {
  return { high: prices, low: prices, close: prices, volume };
}

describe('indicators/mfi', () => {
  it('matches TA-Lib MFI(14) on 10,000 BTC bars', () => {
    const { high, low, close, volume } = loadBars();
    expectMatchesTalib(runSeries(mfi, { period: 14 }, { high, low, close, volume }).out, 'mfi14');
  });

  it('is the share of up-flow in the window', () => {
    // Flows: bar 1 up 11 * 2 = 22, bar 2 down 10.5 * 4 = 42, bar 3 up 12 * 1 = 12.
    const out = runSeries(mfi, { period: 2 }, flatBars([10, 11, 10.5, 12], [1, 2, 4, 1])).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    expect(out[2]).toBeCloseTo((100 * 22) / 64, 12);
    expect(out[3]).toBeCloseTo((100 * 12) / 54, 12);
  });

  it('is 0 once no flow is left in the window, despite rounding residue in the sliding sums', () => {
    // Up-flows 0.1 then 0.2, then none: the sliding up-sum ends at ((0.1 + 0.2) - 0.1) - 0.2,
    // which is 5.6e-17, not 0. Without the reset that would read as MFI 100.
    const out = runSeries(mfi, { period: 2 }, flatBars([0.5, 1, 2, 2, 2], [1, 0.1, 0.1, 1, 1])).out;
    expect(out.slice(2)).toEqual([100, 100, 0]);
  });

  it('counts no flow for a typical price that only rounding moved', () => {
    // (0.4 + 0.1 + 0.1) / 3 and (0.2 + 0.2 + 0.2) / 3 are both 0.2 in decimals but two ulps
    // apart in binary; TA-Lib would book that as a down bar of flow.
    expect((0.4 + 0.1 + 0.1) / 3).not.toBe((0.2 + 0.2 + 0.2) / 3);
    const bars = {
      high: [0.1, 0.2, 0.2, 0.4],
      low: [0.1, 0.2, 0.2, 0.1],
      close: [0.1, 0.2, 0.2, 0.1],
      volume: [5, 5, 5, 5],
    };
    // Bar 1 is an up bar (0.1 -> 0.2), bars 2 and 3 carry no flow: 100 % up.
    expect(runSeries(mfi, { period: 3 }, bars).out).toEqual([NaN, NaN, NaN, 100]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close, volume } = loadBars();
    const first = (values: number[]) => values.slice(0, 80);
    expectSkipsNaNInputs(
      mfi,
      { period: 5 },
      { high: first(high), low: first(low), close: first(close), volume: first(volume) },
    );
  });
});
