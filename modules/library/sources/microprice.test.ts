import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { asks, bids } from './internal/test-book';
import { okxBtc, snapshot, testMarket, writeTick } from './internal/test-market';
import { microprice } from './microprice';

describe('sources/microprice', () => {
  it('weights bid and ask by the opposite side size', () => {
    const market = testMarket();
    const harness = createModuleHarness(microprice);
    writeTick(market, okxBtc, [snapshot(bids, asks)]);
    const { outputs } = harness.step({}, { market });
    // (100 * 1 + 100.1 * 2) / 3 = 300.2 / 3: the heavier bid pulls it towards the ask.
    expect(outputs.out).toBeCloseTo(300.2 / 3, 12);
    // (100.0666... - 100.05) / 100.05 * 10,000 = 10,000 / 6,003
    expect(outputs.offsetBps).toBeCloseTo(10_000 / 6_003, 9);
    // Equal sizes: the mid.
    writeTick(market, okxBtc, [{ kind: 'book', update: 'delta', sequence: 2, bids: [[100, 1]], asks: [] }]);
    expect(harness.step({}, { market }).outputs.out).toBeCloseTo(100.05, 12);
    expect(harness.step({}, { market }).emitted).toBe(false);
  });

  it('is NaN on a one-sided book', () => {
    const market = testMarket();
    writeTick(market, okxBtc, [snapshot([], asks)]);
    expect(createModuleHarness(microprice).step({}, { market }).outputs.out).toBeNaN();
  });
});
