// Test helpers for market sources: a feed with named streams and events written the way a
// run writes them (through the writer), so the tests exercise the real path.
import { createMarketFeed, type MarketFeed } from '../../../sdk/market-feed';
import { applyMarketEvent, startMarketTick, type MarketFeedEvent } from '../../../sdk/market-feed-writer';

export const okxBtc = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
export const binanceBtc = { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' };
export const bybitBtc = { venue: 'bybit', symbol: 'BTC/USDT:USDT' };

export function testMarket(streams = [okxBtc, binanceBtc, bybitBtc]): MarketFeed {
  return createMarketFeed(streams);
}

type Levels = readonly (readonly [number, number])[];
type Payload = MarketFeedEvent extends infer E
  ? E extends MarketFeedEvent
    ? Omit<E, 'venue' | 'symbol' | 'exchangeTimeMs'>
    : never
  : never;

/** One tick's events: starts the tick (as a run does), then writes each event. */
export function writeTick(
  feed: MarketFeed,
  stream: { venue: string; symbol: string },
  events: readonly Payload[],
  exchangeTimeMs = 1_000,
): void {
  startMarketTick(feed);
  for (const event of events)
    applyMarketEvent(feed, { ...stream, exchangeTimeMs, ...event } as MarketFeedEvent);
}

export function snapshot(bids: Levels, asks: Levels, sequence = 1): Payload {
  return { kind: 'book', update: 'snapshot', sequence, bids, asks };
}
