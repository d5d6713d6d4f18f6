import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { roc } from './roc';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/roc', () => {
  it('matches TA-Lib ROC(10) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(roc, { period: 10 }, { in: loadBars().close }).out, 'roc10');
  });

  it('gives the percent change over period samples, 0 from a zero base', () => {
    const out = runSeries(roc, { period: 1 }, { in: [100, 110, 99, 0, 5] }).out;
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(10, 12);
    expect(out[2]).toBeCloseTo(-10, 12);
    expect(out[3]).toBe(-100);
    expect(out[4]).toBe(0);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(roc, { period: 3 }, { in: loadBars().close.slice(0, 80) });
  });
});
