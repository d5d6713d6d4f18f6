// The one interface every venue adapter implements: the generic ccxt connector for the venues
// ccxt covers, and a hand-written connector for any it does not (EdgeX, Vest). A connector
// publishes normalised, validated events (server/market/events.ts) to the market bus, drops
// bad input through the DropLog, and reports health per stream.
import type { Subscription } from './venue-config';

export type VenueState =
  /** Loading markets or (re)connecting. */
  | 'connecting'
  /** Markets loaded and streams running. */
  | 'live'
  /** The venue could not be reached (or refused us); retrying with backoff. */
  | 'unreachable'
  | 'stopped';

export interface StreamHealth {
  symbol: string;
  channel: Subscription['channel'];
  timeframe?: string;
  /** Our receive time of the last valid event; null before the first. */
  lastEventAtMs: number | null;
  /** No valid event within the venue's `staleAfterMs` (also true before the first one). */
  stale: boolean;
  events: number;
  dropped: number;
  /** Errors that ended a watch call (disconnects, timeouts): each one led to a resubscribe. */
  reconnects: number;
  /** Order book resyncs after a sequence gap or checksum failure. */
  resyncs: number;
  /** Retries that waited for a rate-limit answer (HTTP 429/418). */
  rateLimited: number;
  lastError: string | null;
}

export interface VenueHealth {
  venue: string;
  state: VenueState;
  /** Why the venue is unreachable or the last error, without URLs or stacks. */
  reason: string | null;
  streams: StreamHealth[];
}

export interface VenueConnector {
  readonly venue: string;
  /** Starts the streams; returns at once (connecting and retrying happen in the background). */
  start(subscriptions: readonly Subscription[]): void;
  /** Stops every stream and closes the venue's sockets. Safe to call twice. */
  stop(): Promise<void>;
  health(): VenueHealth;
  /** True when the stream for (symbol, channel) is stale or missing: the risk gate refuses orders. */
  isStale(symbol: string, channel: Subscription['channel']): boolean;
}
