import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { trange } from './trange';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/trange', () => {
  it('matches TA-Lib TRANGE on 10,000 BTC bars', () => {
    const { high, low, close } = loadBars();
    expectMatchesTalib(runSeries(trange, {}, { high, low, close }).out, 'trange');
  });

  it('stretches the range to the previous close', () => {
    const bars = { high: [10, 11, 14, 13], low: [8, 9, 12, 12], close: [9, 10, 13, 12.5] };
    // Bar 1: its own range 2. Bar 2: gap up from 10 to 14 -> 4. Bar 3: low 12 vs close 13 -> 1.
    expect(runSeries(trange, {}, bars).out).toEqual([NaN, 2, 4, 1]);
  });

  it('skips bars with a NaN input', () => {
    const { high, low, close } = loadBars();
    expectSkipsNaNInputs(
      trange,
      {},
      { high: high.slice(0, 80), low: low.slice(0, 80), close: close.slice(0, 80) },
    );
  });
});
