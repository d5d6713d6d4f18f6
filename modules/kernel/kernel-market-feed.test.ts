// The market feed under the kernel: modules declared with `feed: 'market'` step in ticks in
// which the run wrote events into feeds.market (its `changed` flag), on every runner kind,
// and the kernel clears the flag after the tick. And the market sources, stepping every tick
// on a changing book and trades, allocate nothing per tick.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry, builtinModules } from '../library/index';
import { createMarketFeed } from '../sdk/market-feed';
import { applyMarketEvent, startMarketTick } from '../sdk/market-feed-writer';
import { Kernel } from './kernel';
import { patchOf } from './test-patches';

const registry = createBuiltinRegistry();
const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };

function marketPatch() {
  return patchOf(
    [
      ['trades', 'sources/trades'],
      ['flow', 'indicators/trade-flow', { period: 3 }],
      ['depth', 'sources/book-depth', { depthBps: 10 }],
      ['micro', 'sources/microprice'],
      ['state', 'sources/market-state'],
    ],
    ['trades.price -> flow.price', 'trades.amount -> flow.amount', 'trades.side -> flow.venueSide'],
  );
}

describe('Kernel with a market feed', () => {
  it.each(['specialised', 'generic'] as const)(
    'steps market sources when the feed changed (%s runners)',
    (runners) => {
      const kernel = new Kernel(marketPatch(), registry, { runners });
      const feed = createMarketFeed([okx]);
      kernel.feeds.market = feed;
      kernel.tick(0);
      expect(kernel.read('flow.cumDelta')).toBeNaN();
      startMarketTick(feed);
      applyMarketEvent(feed, {
        ...okx,
        exchangeTimeMs: 50,
        kind: 'trade',
        price: 100,
        amount: 2,
        side: 'buy',
      });
      applyMarketEvent(feed, {
        ...okx,
        exchangeTimeMs: 60,
        kind: 'book',
        update: 'snapshot',
        sequence: 1,
        bids: [
          [100, 2],
          [99.95, 3],
          [99.9, 5],
        ],
        asks: [
          [100.1, 1],
          [100.15, 4],
        ],
      });
      expect(feed.changed).toBe(true);
      kernel.tick(100);
      expect(feed.changed).toBe(false);
      expect(kernel.read('flow.cumDelta')).toBe(2);
      expect(kernel.read('depth.bid')).toBe(5);
      expect(kernel.read('micro.out')).toBeCloseTo(300.2 / 3, 12);
      expect([kernel.read('state.last'), kernel.read('state.bid'), kernel.read('state.stale')]).toEqual([
        100, 100, 0,
      ]);
      const steps = kernel.stats.moduleSteps;
      kernel.tick(200); // nothing written: nothing steps
      expect(kernel.stats.moduleSteps).toBe(steps);
      startMarketTick(feed);
      applyMarketEvent(feed, {
        ...okx,
        exchangeTimeMs: 250,
        kind: 'trade',
        price: 99.5,
        amount: 0.5,
        side: 'sell',
      });
      kernel.tick(300);
      expect(kernel.read('flow.cumDelta')).toBe(1.5);
      expect(kernel.read('state.last')).toBe(99.5);
      // The book did not change: its sources stepped but did not emit, and hold their values.
      expect(kernel.read('depth.bid')).toBe(5);
    },
  );

  it('market sources allocate nothing per tick while the book and trades change every tick', () => {
    const marketTypes = builtinModules.filter((definition) => definition.feed === 'market');
    expect(marketTypes.length).toBeGreaterThanOrEqual(9);
    const patch = patchOf(marketTypes.map((definition, i) => [`m${i}`, definition.type] as [string, string]));
    const kernel = new Kernel(patch, registry);
    const feed = createMarketFeed([okx]);
    kernel.feeds.market = feed;
    const slot = feed.streams[0];
    applyMarketEvent(feed, {
      ...okx,
      exchangeTimeMs: 0,
      kind: 'book',
      update: 'snapshot',
      sequence: 1,
      bids: [
        [100, 2],
        [99.95, 3],
        [99.9, 5],
      ],
      asks: [
        [100.1, 1],
        [100.15, 4],
      ],
    });
    const times = Array.from({ length: 400_000 }, (_, i) => 1_700_000_000_000 + i * 100);
    // Writes the fields directly (the writer is the run's edge, not the tick): every version moves.
    const run = (from: number, count: number) => {
      for (let t = from; t < from + count; t++) {
        slot.bidSizes[0] = 1 + (t & 7);
        slot.tradePrice = 100 + (t & 3);
        slot.tradeAmount = 1;
        slot.tradeSide = t & 1 ? 1 : -1;
        slot.tradeCount = 1;
        slot.tradeVolume = 1;
        slot.tradeNotional = slot.tradePrice;
        slot.tradeVersion++;
        slot.bookVersion++;
        slot.markVersion++;
        slot.fundingVersion++;
        slot.openInterestVersion++;
        feed.changed = true;
        kernel.tick(times[t]);
      }
    };
    const newSpace = () =>
      getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;
    run(0, 20_000);
    let best = Number.POSITIVE_INFINITY;
    for (let window = 0, at = 20_000; window < 38 && best >= 1; window++, at += 10_000) {
      const before = newSpace();
      run(at, 10_000);
      const grown = newSpace() - before;
      if (grown >= 0) best = Math.min(best, grown / 10_000);
    }
    expect(best).toBeLessThan(1);
  });
});
