import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barBudgetLots, barPath, barPathInto, slippedTicks } from './fill-model';

describe('fill model', () => {
  it('visits the extreme nearer the open first', () => {
    expect(barPath(100, 103, 90, 95)).toEqual([100, 103, 90, 95]);
    expect(barPath(100, 110, 98, 105)).toEqual([100, 98, 110, 105]);
    expect(barPath(100, 105, 95, 100)).toEqual([100, 95, 105, 100]);
  });

  it('slips takers against themselves, on the tick grid, capped at the limit', () => {
    // 10,000 ticks * (1 + 5 bps) = 10,005; a sell gets 9,995.
    expect(slippedTicks(10_000, true, 5, Number.NaN)).toBe(10_005);
    expect(slippedTicks(10_000, false, 5, Number.NaN)).toBe(9_995);
    // 973 * 1.0005 = 973.4865 -> 974 for a buy; 973 * 0.9995 = 972.5135 -> 972 for a sell.
    expect(slippedTicks(973, true, 5, Number.NaN)).toBe(974);
    expect(slippedTicks(973, false, 5, Number.NaN)).toBe(972);
    expect(slippedTicks(10_000, true, 5, 10_002)).toBe(10_002);
    expect(slippedTicks(10_000, false, 5, 9_999)).toBe(9_999);
    expect(slippedTicks(10_000, true, 0, Number.NaN)).toBe(10_000);
  });

  it('budgets a fraction of the bar volume in whole lots', () => {
    // 10% of 2.5 BTC in 0.001 lots = 250 lots.
    expect(barBudgetLots(2.5, 0.1, 0.001)).toBe(250);
    expect(barBudgetLots(0.0149, 0.1, 0.001)).toBe(1);
    expect(barBudgetLots(5, Number.POSITIVE_INFINITY, 0.001)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('barPathInto', () => {
  it('writes exactly the points barPath returns', () => {
    const out = [0, 0, 0, 0];
    const price = fc.double({ min: 1, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(price, price, price, price, (open, high, low, close) => {
        barPathInto(out, open, high, low, close);
        expect(out).toEqual(barPath(open, high, low, close));
      }),
    );
  });
});
