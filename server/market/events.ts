// Normalised market events: what every venue adapter produces and every consumer (the bridge to
// the engine, the recorder, the bar aggregator, MarketHub) reads. One shape per kind, whatever
// the venue; symbols in ccxt's unified form ("BTC/USDT:USDT"); prices and sizes as numbers;
// `exchangeTimeMs` is the venue's own time for the event and `receivedAtMs` ours.
import { z } from 'zod';
import { timeframes } from './timeframes';

/** Events more than this far ahead of our clock are refused (a venue clock off by a day is a bug). */
export const futureToleranceMs = 60_000;

const venue = z.string().min(1).max(40);
const symbol = z.string().min(1).max(60);
const timeMs = z.number().int('must be whole milliseconds').nonnegative();
const price = z.number().finite().positive('must be above zero');
const size = z.number().finite().nonnegative('must not be negative');
const base = { venue, symbol, exchangeTimeMs: timeMs, receivedAtMs: timeMs };

const level = z.tuple([price, size]);

export const tradeEventSchema = z.strictObject({
  kind: z.literal('trade'),
  ...base,
  tradeId: z.string().max(80),
  price,
  amount: size,
  /** The aggressor: 'buy' when the buyer took liquidity. */
  side: z.enum(['buy', 'sell']),
  /** How `side` was known: from the venue, or inferred by the tick rule. */
  sideFrom: z.enum(['venue', 'tickRule']),
});

export const bookEventSchema = z.strictObject({
  kind: z.literal('book'),
  ...base,
  /** A snapshot replaces the book; a delta sets levels (size 0 removes a level). */
  update: z.enum(['snapshot', 'delta']),
  /** Venue sequence: a delta must follow the previous update's `sequence` without a gap. */
  sequence: z.number().int().nonnegative(),
  previousSequence: z.number().int().nonnegative().nullable(),
  bids: z.array(level).max(5_000),
  asks: z.array(level).max(5_000),
});

export const tickerEventSchema = z.strictObject({
  kind: z.literal('ticker'),
  ...base,
  last: price,
  bid: price.nullable(),
  ask: price.nullable(),
  /** Change over 24 hours as a fraction (0.012 = +1.2%), null when the venue does not say. */
  change24h: z.number().finite().nullable(),
  baseVolume24h: size.nullable(),
  quoteVolume24h: size.nullable(),
});

export const markEventSchema = z.strictObject({
  kind: z.literal('mark'),
  ...base,
  markPrice: price,
  indexPrice: price.nullable(),
});

export const fundingEventSchema = z.strictObject({
  kind: z.literal('funding'),
  ...base,
  /** Rate per funding interval as a fraction; positive: longs pay shorts. */
  rate: z.number().finite().min(-1).max(1),
  nextFundingTimeMs: timeMs.nullable(),
});

export const openInterestEventSchema = z.strictObject({
  kind: z.literal('openInterest'),
  ...base,
  /** In contracts (base units for linear perpetuals). */
  amount: size,
  value: size.nullable(),
});

export const ohlcvEventSchema = z.strictObject({
  kind: z.literal('ohlcv'),
  ...base,
  timeframe: z.enum(timeframes),
  openTimeMs: timeMs,
  open: price,
  high: price,
  low: price,
  close: price,
  volume: size,
  /** False while the interval is still open (a venue's live kline); the recorder keeps only closed bars. */
  closed: z.boolean(),
});

export const marketEventSchema = z.discriminatedUnion('kind', [
  tradeEventSchema,
  bookEventSchema,
  tickerEventSchema,
  markEventSchema,
  fundingEventSchema,
  openInterestEventSchema,
  ohlcvEventSchema,
]);

export type TradeEvent = z.infer<typeof tradeEventSchema>;
export type BookEvent = z.infer<typeof bookEventSchema>;
export type TickerEvent = z.infer<typeof tickerEventSchema>;
export type MarkEvent = z.infer<typeof markEventSchema>;
export type FundingEvent = z.infer<typeof fundingEventSchema>;
export type OpenInterestEvent = z.infer<typeof openInterestEventSchema>;
export type OhlcvEvent = z.infer<typeof ohlcvEventSchema>;
export type MarketEvent = z.infer<typeof marketEventSchema>;
export type MarketEventKind = MarketEvent['kind'];

export type EventCheck = { ok: true; event: MarketEvent } | { ok: false; reason: string };

/**
 * Validates one normalised event at the edge: shape, numbers, and time (not further than
 * `futureToleranceMs` ahead of `nowMs`); an OHLCV bar must also be consistent (low <= open,
 * close <= high). The reason names the field, for the drop log.
 */
export function checkMarketEvent(input: unknown, nowMs: number): EventCheck {
  const parsed = marketEventSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : 'event';
    return { ok: false, reason: `${where}: ${issue.message}` };
  }
  const event = parsed.data;
  if (event.exchangeTimeMs > nowMs + futureToleranceMs) {
    return { ok: false, reason: `exchangeTimeMs: ${event.exchangeTimeMs - nowMs} ms in the future` };
  }
  if (event.kind === 'ohlcv') {
    const { open, high, low, close } = event;
    if (low > Math.min(open, close) || high < Math.max(open, close)) {
      return { ok: false, reason: 'ohlcv: low/high do not bound open and close' };
    }
  }
  return { ok: true, event };
}
