// Venue configuration: which venues to connect to, what to subscribe to, and where their URLs
// point. Venues are opt-in: with no config the server connects to nothing (tests and a fresh
// `npm start` never reach the internet). Checked with zod where it enters (file or options).
import { z } from 'zod';
import { timeframes } from '../market/timeframes';

export const streamChannels = [
  'trades',
  'book',
  'ticker',
  'mark',
  'funding',
  'openInterest',
  'ohlcv',
] as const;
export type StreamChannel = (typeof streamChannels)[number];

export const subscriptionSchema = z.strictObject({
  /** ccxt's unified symbol, e.g. "BTC/USDT:USDT". */
  symbol: z.string().min(1).max(60),
  channel: z.enum(streamChannels),
  /** Only for `ohlcv`. */
  timeframe: z.enum(timeframes).optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

const urlSchema = z
  .string()
  .max(500)
  .regex(/^(https?|wss?):\/\/[^\s]+$/, 'must be an http(s):// or ws(s):// URL');

export const venueConfigSchema = z.strictObject({
  /** The ccxt id (see registry.ts), e.g. "binanceusdm". */
  venue: z.string().min(1).max(40),
  subscriptions: z.array(subscriptionSchema).max(500).default([]),
  /** ccxt's own testnet URLs, where the venue has them (refused at start where it has none). */
  sandbox: z.boolean().default(false),
  /**
   * Rewrites every REST URL's scheme and host to `rest` and every WebSocket URL's to `ws`,
   * keeping the paths (proxies, our fake venue in tests). Applied after `sandbox`.
   */
  baseUrl: z.strictObject({ rest: urlSchema.optional(), ws: urlSchema.optional() }).optional(),
  /** Exact ccxt `urls.api` entries, merged last (for a venue whose paths differ behind a proxy). */
  urls: z.record(z.string(), z.unknown()).optional(),
  /** A stream with no update for this long is flagged stale (the risk gate refuses orders on it). */
  staleAfterMs: z.number().int().min(100).max(3_600_000).default(10_000),
  /** Polling period for data ccxt cannot stream on this venue (funding, open interest). */
  pollMs: z.number().int().min(50).max(3_600_000).default(15_000),
  /** Book depth kept per side in the normalised snapshots. */
  bookDepth: z.number().int().min(1).max(1_000).default(50),
  backoff: z
    .strictObject({
      initialMs: z.number().int().min(1).max(60_000).default(500),
      maxMs: z.number().int().min(1).max(600_000).default(30_000),
      /** After an HTTP 429/418 the wait is at least this long. */
      rateLimitedMs: z.number().int().min(1).max(600_000).default(10_000),
    })
    .prefault({}),
  /** Extra ccxt options (merged over the venue's quirks file). */
  options: z.record(z.string(), z.unknown()).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type VenueConfig = z.infer<typeof venueConfigSchema>;
export type VenueConfigInput = z.input<typeof venueConfigSchema>;

export const marketConfigSchema = z.strictObject({
  venues: z.array(venueConfigSchema).max(32).default([]),
});
export type MarketConfig = z.infer<typeof marketConfigSchema>;
