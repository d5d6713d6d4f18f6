import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { sma } from './sma';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/sma', () => {
  it('matches TA-Lib SMA(20) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(sma, { period: 20 }, { in: loadBars().close }).out, 'sma20');
  });

  it('averages the last period samples', () => {
    expect(runSeries(sma, { period: 3 }, { in: [1, 2, 3, 4, 5] }).out).toEqual([NaN, NaN, 2, 3, 4]);
    expect(runSeries(sma, { period: 2 }, { in: [1, 2, 3, 4, 5] }).out).toEqual([NaN, 1.5, 2.5, 3.5, 4.5]);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(sma, { period: 5 }, { in: loadBars().close.slice(0, 80) });
  });
});
