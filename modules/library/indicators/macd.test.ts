import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { macd } from './macd';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/macd', () => {
  it('matches TA-Lib MACD(12, 26, 9) on 10,000 BTC bars', () => {
    const out = runSeries(
      macd,
      { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 },
      { in: loadBars().close },
    );
    expectMatchesTalib(out.macd, 'macd_macd');
    expectMatchesTalib(out.signal, 'macd_macdsignal');
    expectMatchesTalib(out.hist, 'macd_macdhist');
  });

  // Fast 2, slow 3, signal 2 over 1, 5, 2, 8, 3. Slow EMA (k 1/2): 8/3, 16/3, 25/6 from bar 2.
  // Fast EMA (k 2/3) is seeded, as in TA-Lib, with the mean of bars 1-2 (3.5), not of bars
  // 0-1 (which would give 7/3 at bar 2): 3.5, 6.5, 25/6. Line: 5/6, 7/6, 0. Signal seeded at
  // bar 3 with (5/6 + 7/6) / 2 = 1, then (0 - 1) * 2/3 + 1 = 1/3.
  const series = { in: [1, 5, 2, 8, 3] };
  const expected = { macd: [7 / 6, 0], signal: [1, 1 / 3], hist: [1 / 6, -1 / 3] };

  it('seeds the fast EMA where the slow one is seeded and starts all outputs with the signal', () => {
    const out = runSeries(macd, { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 }, series);
    for (const name of ['macd', 'signal', 'hist'] as const) {
      expect(out[name].slice(0, 3)).toEqual([NaN, NaN, NaN]);
      expect(out[name][3]).toBeCloseTo(expected[name][0], 12);
      expect(out[name][4]).toBeCloseTo(expected[name][1], 12);
    }
  });

  it('swaps fast and slow when given the wrong way round, as TA-Lib does', () => {
    const out = runSeries(macd, { fastPeriod: 3, slowPeriod: 2, signalPeriod: 2 }, series);
    expect(out.macd[3]).toBeCloseTo(expected.macd[0], 12);
    expect(out.signal[4]).toBeCloseTo(expected.signal[1], 12);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(
      macd,
      { fastPeriod: 3, slowPeriod: 5, signalPeriod: 3 },
      { in: loadBars().close.slice(0, 80) },
    );
  });
});
