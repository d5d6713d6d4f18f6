import { describe, expect, it } from 'vitest';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { InProcessBus } from '../market/bus/in-process-bus';
import type { MarketEvent } from '../market/events';
import { MarketBridge } from './market-bridge';

const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const binance = { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' };

function trade(stream: typeof okx, t: number, price: number, side: 'buy' | 'sell' = 'buy'): MarketEvent {
  return {
    ...stream,
    kind: 'trade',
    exchangeTimeMs: t,
    receivedAtMs: t + 1,
    tradeId: String(t),
    price,
    amount: 1,
    side,
    sideFrom: 'venue',
  };
}

function setUp(options: { queueEventsMax?: number; staleAfterMs?: number } = {}) {
  const bus = new InProcessBus();
  const feed = createMarketFeed([okx, binance]);
  const bridge = new MarketBridge({ bus, feed, name: 'run-1', ...options });
  bridge.start();
  return { bus, feed, bridge };
}

describe('MarketBridge', () => {
  it("writes a tick's events in merge order, whatever order they arrived in", () => {
    const { bus, feed, bridge } = setUp();
    // Arrival: okx at 20, binance at 10, okx at 10: merge order is 10 binance, 10 okx, 20 okx.
    bus.publish(trade(okx, 20, 102));
    bus.publish(trade(binance, 10, 201));
    bus.publish(trade(okx, 10, 101, 'sell'));
    bus.publish(trade({ venue: 'okx', symbol: 'ETH/USDT:USDT' }, 10, 3_000));
    expect(feed.streams[0].tradeCount).toBe(0); // nothing before the tick
    bridge.beforeTick(100);
    expect(feed.changed).toBe(true);
    const [o, b] = feed.streams;
    expect([o.tradeCount, o.tradePrice, o.buyVolume, o.sellVolume, o.stale]).toEqual([2, 102, 1, 1, false]);
    expect([b.tradeCount, b.tradePrice]).toEqual([1, 201]);
    expect(bridge.stats()).toEqual({ queued: 3, applied: 3, dropped: 0, ignored: 1, old: 0 });
    bridge.beforeTick(200); // nothing arrived: the tick's trade figures are zero again
    expect(o.tradeCount).toBe(0);
  });

  it('drops (and counts) events past its bound until the next tick takes the queue', () => {
    const { bus, feed, bridge } = setUp({ queueEventsMax: 2 });
    for (let t = 1; t <= 5; t++) bus.publish(trade(okx, t, 100 + t));
    bridge.beforeTick(100);
    expect(feed.streams[0].tradeCount).toBe(2);
    expect(feed.streams[0].tradePrice).toBe(102);
    expect(bridge.stats()).toMatchObject({ queued: 2, applied: 2, dropped: 3 });
    bus.publish(trade(okx, 150, 99));
    bridge.beforeTick(200);
    expect(feed.streams[0].tradePrice).toBe(99);
  });

  it('turns a stream stale after staleAfterMs without events, and fresh with the next', () => {
    const { bus, feed, bridge } = setUp({ staleAfterMs: 1_000 });
    bus.publish(trade(okx, 0, 100));
    bridge.beforeTick(100);
    const okxStream = feed.streams[0];
    expect(okxStream.stale).toBe(false);
    bridge.beforeTick(1_100); // exactly 1,000 ms: not yet
    expect(okxStream.stale).toBe(false);
    const version = okxStream.version;
    bridge.beforeTick(1_200);
    expect([okxStream.stale, okxStream.version, feed.changed]).toEqual([true, version + 1, true]);
    expect(feed.streams[1].stale).toBe(true); // never had an event
    bus.publish(trade(okx, 1_250, 101));
    bridge.beforeTick(1_300);
    expect(okxStream.stale).toBe(false);
  });

  it('measures staleness on its `now` clock, gives each stream its data age, and skips history', () => {
    const bus = new InProcessBus();
    const feed = createMarketFeed([okx, binance]);
    let nowMs = 50_000;
    const bridge = new MarketBridge({ bus, feed, name: 'run-2', staleAfterMs: 1_000, now: () => nowMs });
    bridge.start(); // history: received before 50,000 - 1,000
    bus.publish(trade(okx, 48_000, 90)); // received at 48,001: old
    bus.publish(trade(okx, 49_500, 100)); // received at 49,501: within the window, applied
    nowMs = 50_200;
    bridge.beforeTick(7); // the tick time (a replayed bar's) does not matter
    const [o, b] = feed.streams;
    expect([o.tradeCount, o.tradePrice, o.stale, o.dataAgeMs]).toEqual([1, 100, false, 0]);
    expect([b.stale, b.dataAgeMs]).toEqual([true, Number.NaN]);
    expect(bridge.stats()).toMatchObject({ queued: 1, applied: 1, old: 1 });
    nowMs = 51_200; // 1,000 ms after the event's tick: not yet stale
    bridge.beforeTick(8);
    expect([o.stale, o.dataAgeMs]).toEqual([false, 1_000]);
    nowMs = 51_201;
    bridge.beforeTick(9);
    expect([o.stale, o.dataAgeMs]).toEqual([true, 1_001]);
  });

  it('stops consuming when stopped', () => {
    const { bus, feed, bridge } = setUp();
    bridge.stop();
    bus.publish(trade(okx, 1, 100));
    bridge.beforeTick(100);
    expect(feed.streams[0].tradeCount).toBe(0);
    expect(bridge.stats().queued).toBe(0);
    expect(() => new MarketBridge({ bus, feed, name: 'x', queueEventsMax: 0 })).toThrow(/queueEventsMax/);
  });
});
