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
    // Every bar spans 10..12 with the same close: a range, but no directional movement, so DX
    // is 0 / 0 throughout. It enters the seed as 0 and then leaves the average where it is.
    const bars = { high: Array(12).fill(12), low: Array(12).fill(10), close: Array(12).fill(11) };
    const out = runSeries(adx, { period: 3 }, bars).out;
    expect(out.slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(out.slice(5)).toEqual(Array(7).fill(0));
  });

  it('keeps DX defined while flat bars decay the smoothed sums together, at any price scale', () => {
    // Flat bars have no range, hence no DX: at bar 2 that 0 enters the seed. After the move at
    // bars 3-4, flat bars halve the smoothed +DM and range alike, so +DI keeps its level, DX
    // stays 100 and the ADX keeps closing half its gap to 100 each bar (TA-Lib instead freezes
    // it once the range falls under its absolute 1e-8, sooner the lower the price).
    const flat = Array.from({ length: 40 }, () => 13);
    const bars = {
      high: [10, 10, 10, 12, 13, ...flat],
      low: [10, 10, 10, 11, 12, ...flat],
      close: [10, 10, 10, 12, 13, ...flat],
    };
    const out = runSeries(adx, { period: 2 }, bars).out;
    expect(out[3]).toBe(50); // (0 + 100) / 2
    expect(out[4]).toBe(75);
    out.slice(5).forEach((value, i) => expect(value).toBe(100 - 25 / 2 ** (i + 1)));
    const scale = 1e-6;
    const scaled = {
      high: bars.high.map((x) => x * scale),
      low: bars.low.map((x) => x * scale),
      close: bars.close.map((x) => x * scale),
    };
    expect(runSeries(adx, { period: 2 }, scaled).out).toEqual(out);
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
