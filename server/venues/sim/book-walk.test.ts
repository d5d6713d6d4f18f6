import { describe, expect, it } from 'vitest';
import { depthWithin, walkBook } from './book-walk';

describe('walkBook', () => {
  it('takes levels best first at their own prices and leaves the rest for the next order', () => {
    const asks = { priceTicks: [1000, 1001, 1003], lots: [2, 3, 10] };
    expect(walkBook(asks, 4, true, Number.NaN)).toEqual([
      { priceTicks: 1000, lots: 2 },
      { priceTicks: 1001, lots: 2 },
    ]);
    expect(asks.lots).toEqual([0, 1, 10]);
    expect(walkBook(asks, 20, true, 1001)).toEqual([{ priceTicks: 1001, lots: 1 }]);
    expect(depthWithin(asks, true, Number.NaN)).toBe(10);
  });

  it('a sell walks the bids down and stops below its limit', () => {
    const bids = { priceTicks: [999, 998, 990], lots: [1, 1, 5] };
    expect(walkBook(bids, 5, false, 995)).toEqual([
      { priceTicks: 999, lots: 1 },
      { priceTicks: 998, lots: 1 },
    ]);
    expect(depthWithin({ priceTicks: [999, 998, 990], lots: [1, 1, 5] }, false, 995)).toBe(2);
  });
});
