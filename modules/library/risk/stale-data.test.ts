import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { btc, testFeed } from '../orders/internal/test-feed';
import { buy } from './internal/test-intents';
import { createMarketFeed } from '../../sdk/market-feed';
import { staleData } from './stale-data';

describe('risk/stale-data', () => {
  it('passes data up to the max age and blocks older, with the age', () => {
    const harness = createModuleHarness(staleData, { maxAgeSeconds: 5 });
    expect(harness.step({ in: buy(1), dataTimeMs: 10_000 }, { timeMs: 15_000 }).outputs.blocked).toBe(false);
    const step = harness.step({ in: buy(1), dataTimeMs: 10_000 }, { timeMs: 15_001 });
    expect(step.outputs.code).toBe(riskCodeNumber('DATA_STALE'));
    expect(harness.state).toMatchObject({ denial: { ageMs: 5_001, maxAgeMs: 5_000 } });
  });

  it("uses the broker's market data time when unconnected, and fails closed with none", () => {
    const feed = testFeed();
    const market = feed.markets.get(btc);
    if (market) market.dataAtMs = 100_000;
    const harness = createModuleHarness(staleData, { maxAgeSeconds: 10 });
    expect(harness.step({ in: buy(1) }, { timeMs: 105_000, trading: feed }).outputs.blocked).toBe(false);
    expect(harness.step({ in: buy(1) }, { timeMs: 111_000, trading: feed }).outputs.blocked).toBe(true);
    expect(harness.step({ in: buy(1) }, { timeMs: 0 }).outputs.blocked).toBe(true);
    expect(harness.step({ in: buy(1, { action: 'cancel' }) }, { timeMs: 0 }).outputs.blocked).toBe(false);
  });
});

describe('risk/stale-data on live market streams', () => {
  function liveFeed(stale: boolean, dataAgeMs: number) {
    const market = createMarketFeed([
      { venue: 'okx', symbol: 'ETH/USDT:USDT' },
      { venue: 'bybit', symbol: btc },
    ]);
    market.streams[0].stale = true; // another symbol: never consulted for a BTC order
    market.streams[1].stale = stale;
    market.streams[1].dataAgeMs = dataAgeMs;
    return market;
  }

  it("blocks an order when a stream of its symbol is flagged stale, with that stream's age", () => {
    const harness = createModuleHarness(staleData, { maxAgeSeconds: 30 });
    const step = harness.step(
      { in: buy(1), dataTimeMs: 1_000 },
      { timeMs: 1_000, market: liveFeed(true, 12_000) },
    );
    expect(step.outputs.blocked).toBe(true);
    expect(harness.state).toMatchObject({ denial: { ageMs: 12_000, maxAgeMs: 30_000 } });
  });

  it('blocks when the newest event is older than its own limit, and passes fresh data', () => {
    const harness = createModuleHarness(staleData, { maxAgeSeconds: 2 });
    const old = harness.step(
      { in: buy(1), dataTimeMs: 1_000 },
      { timeMs: 1_000, market: liveFeed(false, 2_001) },
    );
    expect(old.outputs.blocked).toBe(true);
    expect(harness.state).toMatchObject({ denial: { ageMs: 2_001 } });
    const fresh = harness.step(
      { in: buy(2), dataTimeMs: 1_000 },
      { timeMs: 1_000, market: liveFeed(false, 2_000) },
    );
    expect(fresh.outputs.blocked).toBe(false);
  });

  it('fails closed on a stream that never had an event (age NaN)', () => {
    const harness = createModuleHarness(staleData, { maxAgeSeconds: 10 });
    const step = harness.step(
      { in: buy(1), dataTimeMs: 1_000 },
      { timeMs: 1_000, market: liveFeed(true, Number.NaN) },
    );
    expect(step.outputs.blocked).toBe(true);
    expect((harness.state as { denial: { ageMs: number } }).denial.ageMs).toBeNaN();
  });
});
