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

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      cci,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
