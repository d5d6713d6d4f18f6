import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { positionFor } from '../../sdk/trading-feed';
import { btc, testFeed } from '../orders/internal/test-feed';
import { position } from './position';

describe('sources/position', () => {
  it('reports flat once without a broker', () => {
    const harness = createModuleHarness(position);
    const first = harness.step({});
    expect(first.emitted).toBe(true);
    expect(first.outputs).toMatchObject({ size: 0, unrealisedPnl: 0 });
    expect(first.outputs.entryPrice).toBeNaN();
    expect(harness.step({}).emitted).toBe(false);
  });

  it("emits the run symbol's position whenever the account version moved", () => {
    const feed = testFeed();
    const harness = createModuleHarness(position);
    expect(harness.step({}, { trading: feed }).outputs).toMatchObject({ size: 0 });
    expect(harness.step({}, { trading: feed }).emitted).toBe(false);
    const held = positionFor(feed, btc);
    Object.assign(held, { size: -0.5, entryPrice: 50_000, unrealisedPnl: 120, liquidationPrice: 59_000 });
    feed.version++;
    expect(harness.step({}, { trading: feed }).outputs).toEqual({
      size: -0.5,
      entryPrice: 50_000,
      unrealisedPnl: 120,
      liquidationPrice: 59_000,
    });
    // Another symbol's position is not this run's.
    positionFor(feed, 'ETH/USDT:USDT').size = 3;
    feed.version++;
    expect(harness.step({}, { trading: feed }).outputs.size).toBe(-0.5);
  });
});
