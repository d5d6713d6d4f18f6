import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { asks, bids } from './internal/test-book';
import { binanceBtc, bybitBtc, okxBtc, snapshot, testMarket, writeTick } from './internal/test-market';
import { aggregatedBookDepth } from './aggregated-book-depth';

describe('sources/aggregated-book-depth', () => {
  it("sums each venue's depth around its own mid, skipping one-sided books", () => {
    const market = testMarket();
    const harness = createModuleHarness(aggregatedBookDepth, { streamA: 0, streamB: 1, streamC: 2 });
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [snapshot(bids, asks)]); // 5 bid, 5 ask within 10 bps
    // mid 200.1: bids down to 199.8999 (1), asks up to 200.3001 (2)
    writeTick(market, binanceBtc, [
      snapshot(
        [
          [200, 1],
          [199.5, 7],
        ],
        [[200.2, 2]],
      ),
    ]);
    writeTick(market, bybitBtc, [snapshot([[300, 50]], [])]); // no mid: not summed
    const first = harness.step({}, { market });
    expect(first.emitted).toBe(true);
    expect(first.outputs).toMatchObject({ bid: 6, ask: 7, venues: 2 });
    expect(first.outputs.imbalance).toBeCloseTo(-1 / 13, 15);
    expect(harness.step({}, { market }).emitted).toBe(false);
    // mid 300.05: 50 bid at 300 (down to 299.74995), 4 ask at 300.1 (up to 300.35005)
    writeTick(market, bybitBtc, [
      { kind: 'book', update: 'delta', sequence: 2, bids: [], asks: [[300.1, 4]] },
    ]);
    const second = harness.step({}, { market });
    expect(second.outputs).toMatchObject({ bid: 56, ask: 11, venues: 3 });
    expect(second.outputs.imbalance).toBeCloseTo(45 / 67, 15);
  });

  it('reads nothing with no streams set, and only its own streams', () => {
    const market = testMarket();
    writeTick(market, okxBtc, [snapshot(bids, asks)]);
    expect(createModuleHarness(aggregatedBookDepth).step({}, { market }).emitted).toBe(false);
    const onlyB = createModuleHarness(aggregatedBookDepth, { streamB: 1 });
    expect(onlyB.step({}, { market }).emitted).toBe(false);
    expect(createModuleHarness(aggregatedBookDepth, { streamA: 0 }).step({}).emitted).toBe(false);
  });
});
