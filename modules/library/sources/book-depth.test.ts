import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { asks, bids } from './internal/test-book';
import { okxBtc, snapshot, testMarket, writeTick } from './internal/test-market';
import { bookDepth } from './book-depth';

type Levels = readonly (readonly [number, number])[];

function depthOf(params: Record<string, number>, bookBids: Levels = bids, bookAsks: Levels = asks) {
  const market = testMarket();
  writeTick(market, okxBtc, [snapshot(bookBids, bookAsks)]);
  return createModuleHarness(bookDepth, params).step({}, { market });
}

describe('sources/book-depth', () => {
  it('sums the sizes within 10 bps of the mid (the default)', () => {
    const { outputs } = depthOf({});
    expect(outputs.bid).toBe(5); // 2 at 100 + 3 at 99.95
    expect(outputs.ask).toBe(5); // 1 at 100.1 + 4 at 100.15
    expect(outputs.bidValue).toBeCloseTo(499.85, 9); // 200 + 299.85
    expect(outputs.askValue).toBeCloseTo(500.7, 9); // 100.1 + 400.6
  });

  it('widens and narrows with depthBps', () => {
    // 100 bps: down to 99.04950 (all bids but 99), up to 101.05050 (every ask).
    expect(depthOf({ depthBps: 100 }).outputs).toMatchObject({ bid: 10, ask: 11 });
    // 0 bps: nothing rests at the mid itself.
    expect(depthOf({ depthBps: 0 }).outputs).toMatchObject({ bid: 0, ask: 0 });
  });

  it('is NaN while a side is empty, and emits only when the book changed', () => {
    expect(depthOf({}, [], asks).outputs.bid).toBeNaN();
    const market = testMarket();
    const harness = createModuleHarness(bookDepth);
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [snapshot(bids, asks)]);
    expect(harness.step({}, { market }).emitted).toBe(true);
    writeTick(market, okxBtc, [{ kind: 'trade', price: 100, amount: 1, side: 'sell' }]);
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [{ kind: 'book', update: 'delta', sequence: 2, bids: [[99.97, 4]], asks: [] }]);
    expect(harness.step({}, { market }).outputs.bid).toBe(9);
  });
});
