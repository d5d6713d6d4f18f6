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

  it('moves at the fastest rate once the path is exactly flat, at any price level', () => {
    // A move, then flat samples: the sliding path length keeps rounding residue, which must not
    // read as a path (TA-Lib instead calls any path under 1e-8 flat, every path at 1e-9 prices).
    for (const level of [1, 1e-9]) {
      const values = [1.3, 1.7, 1.1, 1, 1, 1, 1].map((x) => x * level);
      const out = runSeries(kama, { period: 2 }, { in: values }).out;
      // Samples 4..6 each end a flat path of two steps: factor = fastest.
      for (const i of [5, 6]) expect(out[i]).toBeCloseTo(out[i - 1] + (level - out[i - 1]) * fastest, 20);
    }
  });

  it('follows real moves on a coin priced near 1e-9', () => {
    const values = [1, 1.01, 1.03, 1.02, 1.05, 1.04, 1.06];
    const unit = runSeries(kama, { period: 3 }, { in: values }).out;
    const tiny = runSeries(kama, { period: 3 }, { in: values.map((x) => x * 2 ** -30) }).out;
    expect(tiny).toEqual(unit.map((x) => x * 2 ** -30));
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(kama, { period: 5 }, { in: loadBars().close.slice(0, 80) });
  });
});
