import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { wma } from './wma';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/wma', () => {
  it('matches TA-Lib WMA(20) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(wma, { period: 20 }, { in: loadBars().close }).out, 'wma20');
  });

  it('weights the newest sample most', () => {
    const out = runSeries(wma, { period: 3 }, { in: [1, 2, 3, 4, 10] }).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    expect(out[2]).toBeCloseTo((1 * 1 + 2 * 2 + 3 * 3) / 6, 12);
    expect(out[3]).toBeCloseTo((2 * 1 + 3 * 2 + 4 * 3) / 6, 12);
    expect(out[4]).toBeCloseTo((3 * 1 + 4 * 2 + 10 * 3) / 6, 12);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(wma, { period: 4 }, { in: loadBars().close.slice(0, 80) });
  });
});
