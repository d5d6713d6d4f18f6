import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { kama } from './kama';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

const fastest = (2 / 3) ** 2;
const slowest = (2 / 31) ** 2;

describe('indicators/kama', () => {
  it('matches TA-Lib KAMA(10) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(kama, { period: 10 }, { in: loadBars().close }).out, 'kama10');
  });

  it('moves at the fastest rate on a trend, starting from the previous sample', () => {
    const out = runSeries(kama, { period: 2 }, { in: [1, 2, 3, 4] }).out;
    expect(out.slice(0, 2)).toEqual([NaN, NaN]);
    const first = 2 + (3 - 2) * fastest;
    expect(out[2]).toBeCloseTo(first, 12);
    expect(out[3]).toBeCloseTo(first + (4 - first) * fastest, 12);
  });

  it('moves at the slowest rate when the path goes nowhere', () => {
    const out = runSeries(kama, { period: 2 }, { in: [1, 2, 1] }).out;
    expect(out[2]).toBeCloseTo(2 + (1 - 2) * slowest, 12);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(kama, { period: 5 }, { in: loadBars().close.slice(0, 80) });
  });
});
