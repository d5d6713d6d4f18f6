import { describe, expect, it } from 'vitest';
import { createMarketFeed } from '../../sdk/market-feed';
import { createModuleHarness } from '../../sdk/testing';
import { marketState } from './market-state';

describe('sources/market-state', () => {
  it('emits the addressed stream when its version moves, and only then', () => {
    const feed = createMarketFeed([
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
      { venue: 'okx', symbol: 'BTC/USDT:USDT' },
    ]);
    const harness = createModuleHarness(marketState, { stream: 1 });
    const first = harness.step({}, { market: feed });
    expect(first.emitted).toBe(true); // the initial (empty, stale) state once
    expect(first.outputs.stale).toBe(true);
    expect(first.outputs.mark).toBeNaN();
    expect(harness.step({}, { market: feed }).emitted).toBe(false);
    Object.assign(feed.streams[0], { markPrice: 1, version: 5 }); // another stream: no emit
    expect(harness.step({}, { market: feed }).emitted).toBe(false);
    Object.assign(feed.streams[1], {
      last: 42_000,
      bid: 41_999.5,
      ask: 42_000.5,
      markPrice: 42_001,
      indexPrice: 41_998,
      fundingRate: 0.0001,
      nextFundingMs: 28_800_000,
      stale: false,
      version: 1,
    });
    const second = harness.step({}, { market: feed });
    expect(second.emitted).toBe(true);
    expect(second.outputs).toEqual({
      last: 42_000,
      bid: 41_999.5,
      ask: 42_000.5,
      mark: 42_001,
      index: 41_998,
      funding: 0.0001,
      nextFundingMs: 28_800_000,
      stale: false,
    });
  });

  it('never emits without a market feed or past its streams', () => {
    expect(createModuleHarness(marketState).step({}).emitted).toBe(false);
    const feed = createMarketFeed([{ venue: 'okx', symbol: 'ETH/USDT:USDT' }]);
    expect(createModuleHarness(marketState, { stream: 3 }).step({}, { market: feed }).emitted).toBe(false);
  });
});
