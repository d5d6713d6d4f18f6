import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { ema } from './ema';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/ema', () => {
  it('matches TA-Lib EMA(20) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(ema, { period: 20 }, { in: loadBars().close }).out, 'ema20');
  });

  it('seeds with the SMA of the first period samples, then smooths with k = 2 / (period + 1)', () => {
    // k = 0.5: seed (1 + 2 + 3) / 3 = 2, then (7 - 2) / 2 + 2 = 4.5, then (0 - 4.5) / 2 + 4.5 = 2.25.
    expect(runSeries(ema, { period: 3 }, { in: [1, 2, 3, 7, 0] }).out).toEqual([NaN, NaN, 2, 4.5, 2.25]);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(ema, { period: 4 }, { in: loadBars().close.slice(0, 80) });
  });
});
