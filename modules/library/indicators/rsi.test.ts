import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { rsi } from './rsi';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/rsi', () => {
  it('matches TA-Lib RSI(14) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(rsi, { period: 14 }, { in: loadBars().close }).out, 'rsi14');
  });

  it('seeds with plain means of the first changes, then smooths the Wilder way', () => {
    // Changes +1, +1, -1: seed gain 1, loss 0 -> 100; then gain (1 + 0) / 2, loss (0 + 1) / 2 -> 50.
    expect(runSeries(rsi, { period: 2 }, { in: [1, 2, 3, 2] }).out).toEqual([NaN, NaN, 100, 50]);
  });

  it('is 0 when nothing moved', () => {
    expect(runSeries(rsi, { period: 2 }, { in: [5, 5, 5, 5] }).out).toEqual([NaN, NaN, 0, 0]);
  });

  it('holds its level through a flat stretch, at any price level', () => {
    // Flat samples shrink the average gain and loss alike, so their ratio stands; TA-Lib drops
    // to 0 once their sum is under 1e-8, at once for a coin priced near 1e-9.
    for (const level of [1, 1e-9]) {
      const values = [1, 1.2, 1.1, 1.3, ...Array<number>(300).fill(1.3)].map((x) => x * level);
      const out = runSeries(rsi, { period: 2 }, { in: values }).out;
      const last = out[out.length - 1];
      expect(last).toBeGreaterThan(50);
      expect(last / out[4]).toBeCloseTo(1, 9);
    }
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(rsi, { period: 5 }, { in: loadBars().close.slice(0, 80) });
  });
});
