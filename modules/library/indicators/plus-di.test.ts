import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { plusDi } from './plus-di';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { directionalBars } from './testing/small-bars';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/plus_di', () => {
  it('matches TA-Lib PLUS_DI(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(plusDi, { period: 14 }, { high, low, close }).out, 'plus_di14');
  });

  it('is 100 * smoothed +DM / smoothed true range from bar period on', () => {
    const out = runSeries(plusDi, { period: 2 }, directionalBars).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    expect(out[2]).toBeCloseTo((100 * 2) / 4.5, 12);
    expect(out[3]).toBeCloseTo((100 * 1) / 7.25, 12);
    expect(out[4]).toBeCloseTo((100 * 0.5) / 6.625, 12);
  });

  it('is 0 when the bars have no range', () => {
    const flat = { high: [5, 5, 5, 5], low: [5, 5, 5, 5], close: [5, 5, 5, 5] };
    expect(runSeries(plusDi, { period: 2 }, flat).out).toEqual([NaN, NaN, 0, 0]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      plusDi,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
