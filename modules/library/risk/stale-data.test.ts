import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { btc, testFeed } from '../orders/internal/test-feed';
import { buy } from './internal/test-intents';
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
