import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { bbands } from './bbands';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { agrees, expectMatchesTalib, loadBars, loadTalibColumn } from './testing/talib-fixture';

describe('indicators/bbands', () => {
  it('matches TA-Lib BBANDS(20, 2, 2) on 10,000 BTC bars', () => {
    const out = runSeries(bbands, { period: 20, devUp: 2, devDown: 2 }, { in: loadBars().close });
    expectMatchesTalib(out.upper, 'bb_upperband');
    expectMatchesTalib(out.middle, 'bb_middleband');
    expectMatchesTalib(out.lower, 'bb_lowerband');
  });

  it('puts each band its own number of deviations away', () => {
    const out = runSeries(bbands, { period: 20, devUp: 1, devDown: 3 }, { in: loadBars().close });
    const middle = loadTalibColumn('bb_middleband');
    const deviation = loadTalibColumn('stddev20');
    let off = 0;
    for (let i = 19; i < middle.length; i++) {
      if (!agrees(out.upper[i], middle[i] + deviation[i])) off++;
      if (!agrees(out.lower[i], middle[i] - 3 * deviation[i])) off++;
    }
    expect(off).toBe(0);
  });

  it('uses the population deviation', () => {
    const out = runSeries(bbands, { period: 2, devUp: 1, devDown: 2 }, { in: [1, 3] });
    expect([out.upper[1], out.middle[1], out.lower[1]]).toEqual([3, 2, 0]);
    expect([out.upper[0], out.middle[0], out.lower[0]]).toEqual([NaN, NaN, NaN]);
  });

  it('puts all three bands on the price of a flat window, and spreads them on a coin near 0.001', () => {
    const flat = runSeries(bbands, { period: 3, devUp: 2, devDown: 2 }, { in: [0.3, 0.1, 0.1, 0.1, 0.1] });
    expect([flat.upper[4], flat.lower[4]]).toEqual([flat.middle[4], flat.middle[4]]);
    // 0.001, 0.001001, 0.001002: mean 0.001001, deviation sqrt(2/3) 1e-6 (TA-Lib: 0).
    const moving = runSeries(
      bbands,
      { period: 3, devUp: 2, devDown: 2 },
      { in: [0.001, 0.001001, 0.001002] },
    );
    expect((moving.upper[2] - moving.middle[2]) / (2 * Math.sqrt(2 / 3) * 1e-6)).toBeCloseTo(1, 9);
    expect((moving.middle[2] - moving.lower[2]) / (2 * Math.sqrt(2 / 3) * 1e-6)).toBeCloseTo(1, 9);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(bbands, { period: 5, devUp: 2, devDown: 2 }, { in: loadBars().close.slice(0, 80) });
  });
});
