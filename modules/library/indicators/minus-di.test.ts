import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { minusDi } from './minus-di';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { directionalBars } from './testing/small-bars';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/minus_di', () => {
  it('matches TA-Lib MINUS_DI(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(minusDi, { period: 14 }, { high, low, close }).out, 'minus_di14');
  });

  it('is 100 * smoothed -DM / smoothed true range from bar period on', () => {
    const out = runSeries(minusDi, { period: 2 }, directionalBars).out;
    expect(out.slice(0, 3)).toEqual([NaN, NaN, 0]);
    expect(out[3]).toBeCloseTo((100 * 3) / 7.25, 12);
    expect(out[4]).toBeCloseTo((100 * 2.5) / 6.625, 12);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      minusDi,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
