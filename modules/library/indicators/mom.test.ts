import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { mom } from './mom';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/mom', () => {
  it('matches TA-Lib MOM(10) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(mom, { period: 10 }, { in: loadBars().close }).out, 'mom10');
  });

  it('gives the change over period samples', () => {
    expect(runSeries(mom, { period: 2 }, { in: [1, 4, 9, 16] }).out).toEqual([NaN, NaN, 8, 12]);
    expect(runSeries(mom, { period: 1 }, { in: [1, 4, 9] }).out).toEqual([NaN, 3, 5]);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(mom, { period: 3 }, { in: loadBars().close.slice(0, 80) });
  });
});
