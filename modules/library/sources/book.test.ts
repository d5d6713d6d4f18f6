import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { asks, bids } from './internal/test-book';
import { okxBtc, snapshot, testMarket, writeTick } from './internal/test-market';
import { book } from './book';

describe('sources/book', () => {
  it('gives the touch, mid and spread on each book update', () => {
    const market = testMarket();
    const harness = createModuleHarness(book, { stream: 0 });
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [snapshot(bids, asks)]);
    const top = harness.step({}, { market });
    expect(top.emitted).toBe(true);
    expect(top.outputs).toMatchObject({ bid: 100, ask: 100.1, bidSize: 2, askSize: 1 });
    expect(top.outputs.mid).toBeCloseTo(100.05, 12);
    expect(top.outputs.spread).toBeCloseTo(0.1, 12);
    expect(top.outputs.spreadBps).toBeCloseTo(1_000 / 100.05, 9); // 0.1 / 100.05 * 10,000
    expect(harness.step({}, { market }).emitted).toBe(false);
    // The best bid is taken: the next level becomes the touch.
    writeTick(market, okxBtc, [{ kind: 'book', update: 'delta', sequence: 2, bids: [[100, 0]], asks: [] }]);
    expect(harness.step({}, { market }).outputs).toMatchObject({ bid: 99.95, bidSize: 3 });
  });

  it('gives NaN for what needs a missing side', () => {
    const market = testMarket();
    writeTick(market, okxBtc, [snapshot([], [[101, 2]])]);
    const oneSided = createModuleHarness(book).step({}, { market });
    expect(oneSided.outputs.bid).toBeNaN();
    expect(oneSided.outputs.bidSize).toBe(0);
    expect(oneSided.outputs.ask).toBe(101);
    expect(oneSided.outputs.mid).toBeNaN();
    expect(oneSided.outputs.spreadBps).toBeNaN();
  });
});
