// MarketHub (/hubs/market): tickers of many venues and symbols for the market panel (with the
// newest mark price and funding of each), and the venues' health. `tickers(filter)` is a server stream of frames at most 4 a second: each frame
// holds every ticker matching the filter with its stale flag, and is sent only when one of them
// or a stale flag changed. Frames are whole (not diffs), so coalescing a slow client to the
// newest frame loses nothing.
import { z } from 'zod';
import type {
  MarketHubMethods,
  MarketTicker,
  MarketTickerFilter,
  MarketTickerFrame,
} from '@patchdesk/modules/contracts/hubs';
import type { MarketFeed } from '../venues/market-feed';
import { pushStream } from './push-stream';
import { defineHub, hubMethod, hubStream } from './signalr/index';
import type { HubDefinition } from './signalr/index';

export const marketFramesPerSecond = 4;
export const marketTickersPerFrameMax = 2_000;
/** Symbols getMarkets returns at most: a picker's list, not a market dump. */
export const marketsPerVenueMax = 2_000;
const frameIntervalMs = 1000 / marketFramesPerSecond;

const filterSchema = z
  .strictObject({
    venues: z.array(z.string().min(1).max(40)).max(64).optional(),
    symbols: z.array(z.string().min(1).max(60)).max(2_000).optional(),
  })
  .nullish();

type Feed = Pick<MarketFeed, 'board' | 'venues' | 'isStale'>;

export function createMarketHub(feed: Feed, now: () => number = Date.now): HubDefinition {
  const methods: Record<keyof MarketHubMethods, ReturnType<typeof hubMethod>> = {
    getVenues: hubMethod(z.tuple([]), () => feed.venues()),
    getMarkets: hubMethod(z.tuple([z.string().min(1).max(40)]), (_ctx, venue) => marketsOf(feed, venue)),
    tickers: hubStream(
      z.tuple([filterSchema]),
      (ctx, given) =>
        pushStream<MarketTickerFrame>({ signal: ctx.signal, capacity: 1 }, (sink) => {
          const filter = given ?? {};
          let sentVersion = -1;
          let sentStale = '';
          const tick = (): void => {
            const tickers = matching(feed, filter);
            const stale = tickers.map((ticker) => (ticker.stale ? '1' : '0')).join('');
            if (feed.board.version === sentVersion && stale === sentStale) return;
            sentVersion = feed.board.version;
            sentStale = stale;
            sink.push({ timeMs: now(), tickers });
          };
          tick();
          const timer = setInterval(tick, frameIntervalMs);
          return () => clearInterval(timer);
        }),
      { coalesce: true },
    ),
  };
  return defineHub({ name: 'MarketHub', methods });
}

/**
 * The symbols of one venue the server knows: its configured streams (from the venue's health)
 * and every ticker row of it, deduplicated, sorted, bounded by `marketsPerVenueMax`.
 */
export function marketsOf(feed: Feed, venue: string): string[] {
  const symbols = new Set<string>();
  for (const status of feed.venues()) {
    if (status.venue !== venue) continue;
    for (const stream of status.streams) symbols.add(stream.symbol);
  }
  for (const row of feed.board.rows()) {
    if (row.venue === venue) symbols.add(row.symbol);
  }
  return [...symbols].sort().slice(0, marketsPerVenueMax);
}

/** Tickers of the filter's venues and symbols (all when a list is absent or empty), sorted. */
export function matching(feed: Feed, filter: MarketTickerFilter): MarketTicker[] {
  const venues = filter.venues?.length ? new Set(filter.venues) : null;
  const symbols = filter.symbols?.length ? new Set(filter.symbols) : null;
  const out: MarketTicker[] = [];
  for (const row of feed.board.rows()) {
    // A row shows once its ticker arrived: last price is what the panel is about.
    const event = row.ticker;
    if (!event) continue;
    if (venues && !venues.has(event.venue)) continue;
    if (symbols && !symbols.has(event.symbol)) continue;
    out.push({
      venue: event.venue,
      symbol: event.symbol,
      last: event.last,
      bid: event.bid,
      ask: event.ask,
      change24h: event.change24h,
      markPrice: row.mark?.markPrice ?? null,
      indexPrice: row.mark?.indexPrice ?? null,
      fundingRate: row.funding?.rate ?? null,
      nextFundingTimeMs: row.funding?.nextFundingTimeMs ?? null,
      exchangeTimeMs: event.exchangeTimeMs,
      receivedAtMs: event.receivedAtMs,
      stale: feed.isStale(event.venue, event.symbol, 'ticker'),
    });
    if (out.length >= marketTickersPerFrameMax) break;
  }
  return out.sort((a, b) => (a.venue === b.venue ? cmp(a.symbol, b.symbol) : cmp(a.venue, b.venue)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
