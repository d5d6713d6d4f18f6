import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { stoch } from './stoch';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/stoch', () => {
  it('matches TA-Lib STOCH(14, 3, 3) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    const out = runSeries(stoch, { fastkPeriod: 14, slowkPeriod: 3, slowdPeriod: 3 }, { high, low, close });
    expectMatchesTalib(out.slowk, 'stoch_slowk');
    expectMatchesTalib(out.slowd, 'stoch_slowd');
  });

  it('smooths fast %K into slow %K and slow %D, both starting with %D', () => {
    // Fast %K (2 bars): bar 1 100 (11 - 8) / 4 = 75, bar 2 100 (10 - 9) / 3, bar 3 100 (13 - 10) / 3.
    const bars = { high: [10, 12, 11, 13], low: [8, 9, 10, 11], close: [9, 11, 10, 13] };
    const out = runSeries(stoch, { fastkPeriod: 2, slowkPeriod: 2, slowdPeriod: 2 }, bars);
    const slowK2 = (75 + 100 / 3) / 2;
    const slowK3 = (100 / 3 + 100) / 2;
    expect(out.slowk.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out.slowd.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out.slowk[3]).toBeCloseTo(slowK3, 12);
    expect(out.slowd[3]).toBeCloseTo((slowK2 + slowK3) / 2, 12);
  });

  it('is fast %K itself with 1-bar smoothing, 0 when the window has no range', () => {
    const bars = { high: [10, 12, 5], low: [8, 9, 5], close: [9, 9, 5] };
    const out = runSeries(stoch, { fastkPeriod: 1, slowkPeriod: 1, slowdPeriod: 1 }, bars);
    expect(out.slowk).toEqual([50, (100 * 0) / 3, 0]);
    expect(out.slowd).toEqual(out.slowk);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      stoch,
      { fastkPeriod: 5, slowkPeriod: 3, slowdPeriod: 3 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
