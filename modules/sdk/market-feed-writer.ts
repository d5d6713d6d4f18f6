// Writes market events into a MarketFeed in place: the feed entry point a run calls for each
// event of a tick, after startMarketTick. Pure (no I/O, no clock): the live bridge and the
// backtest replay both end here, so a backtest sees exactly what a live run would have seen.
// The event shapes are the normalised ones of server/market/events.ts, restated structurally
// because modules/ imports nothing from the server.
import { bookLevelsMax, type MarketFeed, type MarketStreamState } from './market-feed';

type Level = readonly [price: number, size: number];

interface EventBase {
  readonly venue: string;
  readonly symbol: string;
  /** The venue's time for the event, integer UTC ms. */
  readonly exchangeTimeMs: number;
}

export type MarketFeedEvent =
  | (EventBase & { readonly kind: 'trade'; price: number; amount: number; side: 'buy' | 'sell' })
  | (EventBase & {
      readonly kind: 'book';
      update: 'snapshot' | 'delta';
      sequence: number;
      bids: readonly Level[];
      asks: readonly Level[];
    })
  | (EventBase & { readonly kind: 'ticker'; last: number; bid: number | null; ask: number | null })
  | (EventBase & { readonly kind: 'mark'; markPrice: number; indexPrice: number | null })
  | (EventBase & { readonly kind: 'funding'; rate: number; nextFundingTimeMs: number | null })
  | (EventBase & { readonly kind: 'openInterest'; amount: number; value: number | null })
  /** Bars reach patches through the bar feed; an OHLCV event only marks the stream updated. */
  | (EventBase & { readonly kind: 'ohlcv' });

/** Index of the stream for this venue and symbol, or -1 when the run does not read it. */
export function streamIndexOf(feed: MarketFeed, venue: string, symbol: string): number {
  const streams = feed.streams;
  for (let i = 0; i < streams.length; i++) {
    if (streams[i].venue === venue && streams[i].symbol === symbol) return i;
  }
  return -1;
}

/** Before a tick's events: the per-tick trade figures start from zero again. */
export function startMarketTick(feed: MarketFeed): void {
  for (const stream of feed.streams) {
    if (stream.tradeCount === 0) continue;
    stream.tradeCount = 0;
    stream.tradeVolume = 0;
    stream.buyVolume = 0;
    stream.sellVolume = 0;
    stream.tradeNotional = 0;
  }
}

/**
 * Applies one event to its stream; returns the stream's index, or -1 (and changes nothing)
 * when the run does not read that venue and symbol. Events must come in the merge order of
 * market-event-order.ts; the writer trusts that order and the values (validated at the edge).
 */
export function applyMarketEvent(feed: MarketFeed, event: MarketFeedEvent): number {
  const index = streamIndexOf(feed, event.venue, event.symbol);
  if (index < 0) return -1;
  const stream = feed.streams[index];
  switch (event.kind) {
    case 'trade':
      applyTrade(stream, event.price, event.amount, event.side === 'buy' ? 1 : -1);
      break;
    case 'book':
      applyBook(stream, event.update, event.bids, event.asks);
      stream.bookSequence = event.sequence;
      break;
    case 'ticker':
      stream.last = event.last;
      if (event.bid !== null) stream.bid = event.bid;
      if (event.ask !== null) stream.ask = event.ask;
      break;
    case 'mark':
      stream.markPrice = event.markPrice;
      if (event.indexPrice !== null) stream.indexPrice = event.indexPrice;
      stream.markVersion++;
      break;
    case 'funding':
      stream.fundingRate = event.rate;
      stream.nextFundingMs = event.nextFundingTimeMs ?? Number.NaN;
      stream.fundingVersion++;
      break;
    case 'openInterest':
      stream.openInterest = event.amount;
      stream.openInterestValue = event.value ?? Number.NaN;
      stream.openInterestVersion++;
      break;
    case 'ohlcv':
      break;
  }
  stream.updatedAtMs = event.exchangeTimeMs;
  stream.stale = false;
  stream.version++;
  feed.changed = true;
  return index;
}

function applyTrade(stream: MarketStreamState, price: number, amount: number, side: number): void {
  stream.last = price;
  stream.tradePrice = price;
  stream.tradeAmount = amount;
  stream.tradeSide = side;
  stream.tradeCount++;
  stream.tradeVolume += amount;
  if (side > 0) stream.buyVolume += amount;
  else stream.sellVolume += amount;
  stream.tradeNotional += price * amount;
  stream.tradeVersion++;
}

function applyBook(
  stream: MarketStreamState,
  update: 'snapshot' | 'delta',
  bids: readonly Level[],
  asks: readonly Level[],
): void {
  if (update === 'snapshot') {
    stream.bidLevels = 0;
    stream.askLevels = 0;
  }
  // Levels go in one by one, sorted on insertion: a snapshot in any order gives the same book.
  for (const [price, size] of bids) {
    stream.bidLevels = setLevel(stream.bidPrices, stream.bidSizes, stream.bidLevels, price, size, true);
  }
  for (const [price, size] of asks) {
    stream.askLevels = setLevel(stream.askPrices, stream.askSizes, stream.askLevels, price, size, false);
  }
  stream.bid = stream.bidLevels > 0 ? stream.bidPrices[0] : Number.NaN;
  stream.ask = stream.askLevels > 0 ? stream.askPrices[0] : Number.NaN;
  stream.bookVersion++;
}

/**
 * Sets one level of a side kept best first (bids descending, asks ascending): size 0 removes
 * it. A level worse than the kept `bookLevelsMax` is ignored, and inserting into a full side
 * drops its worst level: the far book is cut off, as the venue's own depth-limited feeds do.
 * Returns the new level count.
 */
function setLevel(
  prices: Float64Array,
  sizes: Float64Array,
  count: number,
  price: number,
  size: number,
  descending: boolean,
): number {
  let at = 0;
  while (at < count && (descending ? prices[at] > price : prices[at] < price)) at++;
  const found = at < count && prices[at] === price;
  if (size === 0) {
    if (!found) return count;
    prices.copyWithin(at, at + 1, count);
    sizes.copyWithin(at, at + 1, count);
    return count - 1;
  }
  if (found) {
    sizes[at] = size;
    return count;
  }
  if (at >= bookLevelsMax) return count;
  const kept = Math.min(count, bookLevelsMax - 1);
  prices.copyWithin(at + 1, at, kept);
  sizes.copyWithin(at + 1, at, kept);
  prices[at] = price;
  sizes[at] = size;
  return kept + 1;
}
