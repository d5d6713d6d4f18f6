import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { dema } from './dema';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/dema', () => {
  it('matches TA-Lib DEMA(20) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(dema, { period: 20 }, { in: loadBars().close }).out, 'dema20');
  });

  it('has no lag on a straight line, from bar 2 (period - 1)', () => {
    // EMA(2) of 1..6 runs half a step behind; EMA of that a whole step; 2 EMA - EMA(EMA) = x.
    const out = runSeries(dema, { period: 2 }, { in: [1, 2, 3, 4, 5, 6] }).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    for (let i = 2; i < 6; i++) expect(out[i]).toBeCloseTo(i + 1, 12);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(dema, { period: 4 }, { in: loadBars().close.slice(0, 80) });
  });
});
