import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { adx } from './adx';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { directionalBars } from './testing/small-bars';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/adx', () => {
  it('matches TA-Lib ADX(14) on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(adx, { period: 14 }, { high, low, close }).out, 'adx14');
  });

  it('averages DX, seeded with the mean of the first period DX values', () => {
    // DX: bar 2 -> 100 (only +DM), bar 3 -> 100 |1 - 3| / 4 = 50, bar 4 -> 100 |0.5 - 2.5| / 3.
    const out = runSeries(adx, { period: 2 }, directionalBars).out;
    expect(out.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out[3]).toBeCloseTo(75, 12);
    expect(out[4]).toBeCloseTo((75 + 200 / 3) / 2, 12);
  });

  it('counts an undefined DX as 0 while seeding, then holds the average', () => {
    // Flat bars have no range, hence no DX. At bar 2 that 0 enters the seed; after the move
    // at bars 3-4, flat bars halve the smoothed range until it is below TA-Lib's zero and
    // the ADX must stop changing instead of decaying.
    const flat = Array.from({ length: 40 }, () => 13);
    const bars = {
      high: [10, 10, 10, 12, 13, ...flat],
      low: [10, 10, 10, 11, 12, ...flat],
      close: [10, 10, 10, 12, 13, ...flat],
    };
    const out = runSeries(adx, { period: 2 }, bars).out;
    expect(out[3]).toBe(50); // (0 + 100) / 2
    expect(out[4]).toBe(75);
    const last = out.length - 1;
    expect(out[last]).toBeGreaterThan(99.99);
    expect(out[last]).toBe(out[last - 5]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      adx,
      { period: 5 },
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
