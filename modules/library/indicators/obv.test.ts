import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { obv } from './obv';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/obv', () => {
  it('matches TA-Lib OBV on 10,000 BTC bars', () => {
    const { close, volume } = loadBars();
    expectMatchesTalib(runSeries(obv, {}, { in: close, volume }).out, 'obv');
  });

  it('starts at the first volume and adds it on up moves, subtracts it on down moves', () => {
    expect(runSeries(obv, {}, { in: [10, 11, 11, 9], volume: [5, 2, 3, 4] }).out).toEqual([5, 7, 7, 3]);
  });

  it('skips samples with a NaN input', () => {
    const { close, volume } = loadBars();
    expectSkipsNaNInputs(obv, {}, { in: close.slice(0, 80), volume: volume.slice(0, 80) });
  });
});
