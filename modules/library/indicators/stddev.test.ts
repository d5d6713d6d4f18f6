import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { stddev } from './stddev';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { agrees, expectMatchesTalib, loadBars, loadTalibColumn } from './testing/talib-fixture';

describe('indicators/stddev', () => {
  it('matches TA-Lib STDDEV(20, 1) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(stddev, { period: 20, devs: 1 }, { in: loadBars().close }).out, 'stddev20');
  });

  it('scales by devs', () => {
    const out = runSeries(stddev, { period: 20, devs: 2.5 }, { in: loadBars().close }).out;
    const reference = loadTalibColumn('stddev20');
    expect(out.findIndex((v) => !Number.isNaN(v))).toBe(19);
    const off = out.filter((v, i) => i >= 19 && !agrees(v, 2.5 * reference[i])).length;
    expect(off).toBe(0);
  });

  it('is the population deviation (divide by n)', () => {
    // The textbook set 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and population deviation 2.
    const out = runSeries(stddev, { period: 8, devs: 1 }, { in: [2, 4, 4, 4, 5, 5, 7, 9] }).out;
    expect(out.slice(0, 7).every(Number.isNaN)).toBe(true);
    expect(out[7]).toBeCloseTo(2, 12);
    expect(runSeries(stddev, { period: 2, devs: 2 }, { in: [1, 3, 3] }).out).toEqual([NaN, 2, 0]);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(stddev, { period: 4, devs: 1 }, { in: loadBars().close.slice(0, 80) });
  });
});
