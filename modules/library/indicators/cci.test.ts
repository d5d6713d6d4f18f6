import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { cci } from './cci';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/cci', () => {
  it('matches TA-Lib CCI(20) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(cci, { period: 20 }, { high, low, close }).out, 'cci20');
  });

  it('divides the distance from the mean by 0.015 mean absolute deviations', () => {
    // Typical prices 2, 3, 4 (bars 1-3-2, 2-4-3, 3-5-4). Window 2: mean 2.5, deviation 0.5.
    const bars = { high: [3, 4, 5], low: [1, 2, 3], close: [2, 3, 4] };
    const out = runSeries(cci, { period: 2 }, bars).out;
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(0.5 / (0.015 * 0.5), 12);
    expect(out[2]).toBeCloseTo(0.5 / (0.015 * 0.5), 12);
  });

  it('is 0 on flat prices', () => {
    const flat = { high: [5, 5, 5], low: [5, 5, 5], close: [5, 5, 5] };
    expect(runSeries(cci, { period: 2 }, flat).out).toEqual([NaN, 0, 0]);
  });

  it('is exactly 0 on a flat window reached after moves, at any price level', () => {
    for (const level of [46_123, 0.1, 1e-9]) {
      const typical = [1.3, 1.1, 1.7, 1, 1, 1, 1].map((x) => x * level);
      const out = runSeries(cci, { period: 3 }, { high: typical, low: typical, close: typical }).out;
      expect(out.slice(5)).toEqual([0, 0]);
    }
  });

  it('is 0 when the typical prices differ only by rounding', () => {
    // Both bars have typical price 0.2 in decimals, two ulps apart in binary.
    const bars = { high: [0.4, 0.2, 0.4, 0.2], low: [0.1, 0.2, 0.1, 0.2], close: [0.1, 0.2, 0.1, 0.2] };
    expect(runSeries(cci, { period: 3 }, bars).out.slice(2)).toEqual([0, 0]);
  });

  it('reads the moves of a coin priced near 1e-9 as at any other level (TA-Lib: 0)', () => {
    // Typical prices 1000, 1002, 1001 (units of 1e-12): mean 1001, mean deviation 2/3, distance 0 at
    // bar 2; window 1002, 1001, 1004 at bar 3: mean 1002.333.., deviation 10/9, distance 5/3.
    const typical = [1000, 1002, 1001, 1004];
    const unit = runSeries(cci, { period: 3 }, { high: typical, low: typical, close: typical }).out;
    const micro = typical.map((x) => x * 1e-12);
    const out = runSeries(cci, { period: 3 }, { high: micro, low: micro, close: micro }).out;
    expect(out[3] / (5 / 3 / (0.015 * (10 / 9)))).toBeCloseTo(1, 9);
    expect(out[3] / unit[3]).toBeCloseTo(1, 9);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      cci,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
