import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { tema } from './tema';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { expectMatchesTalib, loadBars } from './testing/talib-fixture';

describe('indicators/tema', () => {
  it('matches TA-Lib TEMA(20) on 10,000 BTC bars', () => {
    expectMatchesTalib(runSeries(tema, { period: 20 }, { in: loadBars().close }).out, 'tema20');
  });

  it('has no lag on a straight line, from bar 3 (period - 1)', () => {
    const out = runSeries(tema, { period: 2 }, { in: [1, 2, 3, 4, 5, 6, 7] }).out;
    expect(out.slice(0, 3)).toEqual([NaN, NaN, NaN]);
    for (let i = 3; i < 7; i++) expect(out[i]).toBeCloseTo(i + 1, 12);
  });

  it('skips NaN inputs', () => {
    expectSkipsNaNInputs(tema, { period: 3 }, { in: loadBars().close.slice(0, 80) });
  });
});
