// The generic ccxt connector: one watch loop per subscription on one ccxt pro exchange
// instance. ccxt speaks the venue's protocol (subscribe messages, book snapshots and diffs with
// the venue's sequence checks, its REST rate limiter); this file adds what a trading system
// needs around it: normalisation and validation of every event, a backoff with jitter after any
// failure (a floor after a 429/418), resubscription, book resync after a gap, stale flags, and
// drops counted in the DropLog instead of crashing.
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import type { Logger } from 'pino';
import type { MarketBus } from '../market/bus/market-bus';
import type { DropLog } from '../market/drop-log';
import { checkMarketEvent } from '../market/events';
import type { Timeframe } from '../market/timeframes';
import { backoffDelayMs } from './backoff';
import {
  bookFromCcxt,
  fundingFromCcxt,
  markFromCcxt,
  ohlcvFromCcxt,
  openInterestFromCcxt,
  tickerFromCcxt,
  tradeFromCcxt,
} from './ccxt-normalise';
import { quirksOf } from './registry';
import { StreamHealthTracker } from './stream-health-tracker';
import { overrideBaseUrls } from './url-overrides';
import type { Subscription, VenueConfig } from './venue-config';
import type { VenueQuirks } from './quirks/venue-quirks';
import type { VenueConnector, VenueHealth, VenueState } from './venue-connector';

export interface CcxtConnectorOptions {
  config: VenueConfig;
  bus: MarketBus;
  dropLog: DropLog;
  logger: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
  random?: () => number;
}

type FailureKind = 'reconnect' | 'resync' | 'rateLimited' | 'badPayload';

/** Builds the ccxt pro instance for a config: quirks, options, sandbox, URL overrides. */
export function createCcxtExchange(config: VenueConfig): Exchange {
  const quirks = quirksOf(config.venue);
  const Pro = (ccxt.pro as unknown as Record<string, new (config: object) => Exchange>)[config.venue];
  if (!quirks || !Pro) throw new Error(`unknown venue "${config.venue}"`);
  const exchange = new Pro({
    enableRateLimit: true,
    timeout: config.timeoutMs,
    options: { ...quirks.options, ...config.options },
  });
  if (config.sandbox) {
    if (!quirks.sandbox) throw new Error(`${config.venue} has no sandbox in ccxt`);
    exchange.setSandboxMode(true);
  }
  const urls = exchange.urls as { api: unknown };
  if (config.baseUrl) {
    urls.api = overrideBaseUrls(urls.api, (exchange as { hostname?: string }).hostname, config.baseUrl);
  }
  if (config.urls) urls.api = { ...(urls.api as object), ...config.urls };
  return exchange;
}

export class CcxtConnector implements VenueConnector {
  readonly venue: string;
  private readonly exchange: Exchange;
  private readonly config: VenueConfig;
  private readonly quirks: VenueQuirks | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly trackers = new Map<string, StreamHealthTracker>();
  private readonly abort = new AbortController();
  private state: VenueState = 'connecting';
  private reason: string | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: CcxtConnectorOptions) {
    this.config = options.config;
    this.venue = options.config.venue;
    this.quirks = quirksOf(options.config.venue);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.exchange = createCcxtExchange(options.config);
    // ccxt logs unparsable frames with console.log; they are drops like any other bad input.
    (this.exchange as { log: (...args: unknown[]) => void }).log = (...args) =>
      options.dropLog.drop(`${this.venue} frame`, `${this.venue}: ${describeLogLine(args)}`);
    this.countUnknownMarkets();
  }

  start(subscriptions: readonly Subscription[]): void {
    if (this.running) throw new Error(`${this.venue} connector already started`);
    for (const subscription of subscriptions) {
      this.trackers.set(
        streamKey(subscription),
        new StreamHealthTracker(subscription, this.config.staleAfterMs),
      );
    }
    this.running = this.run(subscriptions).catch((error: unknown) => {
      this.options.logger.warn({ venue: this.venue, err: error }, `${this.venue} connector failed`);
    });
  }

  async stop(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    this.state = 'stopped';
    try {
      await this.exchange.close();
    } catch {
      // closing sockets that never opened: nothing to do
    }
    await this.running;
  }

  health(): VenueHealth {
    const nowMs = this.now();
    return {
      venue: this.venue,
      state: this.state,
      reason: this.reason,
      streams: [...this.trackers.values()].map((tracker) => tracker.snapshot(nowMs)),
    };
  }

  isStale(symbol: string, channel: Subscription['channel']): boolean {
    for (const tracker of this.trackers.values()) {
      const snapshot = tracker.snapshot(this.now());
      if (snapshot.symbol === symbol && snapshot.channel === channel) return snapshot.stale;
    }
    return true;
  }

  private async run(subscriptions: readonly Subscription[]): Promise<void> {
    await (this.exchange as unknown as { loadHttpProxyAgent(): Promise<void> }).loadHttpProxyAgent();
    for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
      try {
        await this.exchange.loadMarkets(attempt > 0);
        break;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        const kind = classify(error);
        this.state = 'unreachable';
        this.reason = describeError(error);
        const delay = backoffDelayMs(this.config.backoff, attempt, kind === 'rateLimited', this.random);
        this.options.logger.warn(
          { venue: this.venue, retryInMs: delay },
          `${this.venue} unreachable: ${this.reason}`,
        );
        await sleep(delay, this.abort.signal);
      }
    }
    if (this.abort.signal.aborted) return;
    this.state = 'live';
    this.reason = null;
    this.options.logger.info(
      { venue: this.venue, streams: subscriptions.length },
      `${this.venue} markets loaded`,
    );
    await Promise.all(subscriptions.map((subscription) => this.loop(subscription)));
  }

  /** One stream: watch, publish, and after a failure back off, then watch again (resubscribe). */
  private async loop(subscription: Subscription): Promise<void> {
    const tracker = this.trackers.get(streamKey(subscription)) as StreamHealthTracker;
    const { symbol } = subscription;
    if (!(symbol in (this.exchange.markets ?? {}))) {
      tracker.failure('reconnect', `unknown symbol ${symbol}`);
      this.options.logger.warn(
        { venue: this.venue, symbol },
        `${this.venue} has no market ${symbol}; stream not started`,
      );
      return;
    }
    const ohlcvState = { lastRow: null as unknown[] | null };
    let attempt = 0;
    let polledOnce = false;
    while (!this.abort.signal.aborted) {
      try {
        if (polledOnce) await sleep(this.config.pollMs, this.abort.signal);
        if (this.abort.signal.aborted) return;
        const result = await this.watch(subscription);
        polledOnce = this.isPolled(subscription.channel);
        this.publish(subscription, tracker, result, ohlcvState);
        attempt = 0;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        polledOnce = false;
        const kind = classify(error);
        if (kind === 'badPayload') {
          // ccxt threw while parsing a venue message: a drop, not a connection problem.
          tracker.drop();
          const key = `${this.venue} ${subscription.channel}`;
          this.options.dropLog.drop(key, `${key} ${symbol}: unparsable payload (${describeError(error)})`);
        } else tracker.failure(kind, describeError(error));
        const delay = backoffDelayMs(this.config.backoff, attempt++, kind === 'rateLimited', this.random);
        await sleep(delay, this.abort.signal);
      }
    }
  }

  /**
   * ccxt resolves a message for a market it does not know under a made-up symbol that nobody
   * awaits, silently. Wrapping its market lookup makes that a counted drop like any other.
   */
  private countUnknownMarkets(): void {
    const exchange = this.exchange as unknown as {
      safeMarket(marketId?: string, ...rest: unknown[]): unknown;
      markets_by_id?: Record<string, unknown>;
      markets?: Record<string, unknown>;
    };
    const lookup = exchange.safeMarket.bind(exchange);
    exchange.safeMarket = (marketId?: string, ...rest: unknown[]) => {
      const byId = exchange.markets_by_id;
      const known =
        byId === undefined ||
        marketId === undefined ||
        marketId in byId ||
        marketId in (exchange.markets ?? {});
      if (this.state === 'live' && !known) {
        this.options.dropLog.drop(
          `${this.venue} unknown symbol`,
          `${this.venue}: unknown market id ${String(marketId).slice(0, 40)}`,
        );
      }
      return lookup(marketId, ...rest);
    };
  }

  private isPolled(channel: Subscription['channel']): boolean {
    const has = this.exchange.has;
    if (channel === 'openInterest') return true;
    if (channel === 'funding') return has.watchFundingRate !== true && !this.quirks?.fundingFromMarkStream;
    if (channel === 'mark') return has.watchMarkPrice !== true || this.quirks?.markFromFundingRate === true;
    return false;
  }

  private watch(subscription: Subscription): Promise<unknown> {
    const ex = this.exchange;
    const { symbol } = subscription;
    switch (subscription.channel) {
      case 'trades':
        return ex.watchTrades(symbol);
      case 'book':
        return ex.watchOrderBook(symbol);
      case 'ticker':
        return ex.watchTicker(symbol);
      case 'mark':
        if (this.quirks?.markFromFundingRate) return ex.fetchFundingRate(symbol);
        return this.isPolled('mark') ? ex.fetchTicker(symbol) : ex.watchMarkPrice(symbol);
      case 'funding':
        if (this.quirks?.fundingFromMarkStream) return ex.watchMarkPrice(symbol);
        return this.isPolled('funding') ? ex.fetchFundingRate(symbol) : ex.watchFundingRate(symbol);
      case 'openInterest':
        return ex.fetchOpenInterest(symbol);
      case 'ohlcv':
        return ex.watchOHLCV(symbol, subscription.timeframe ?? '1m');
    }
  }

  private publish(
    subscription: Subscription,
    tracker: StreamHealthTracker,
    result: unknown,
    ohlcvState: { lastRow: unknown[] | null },
  ): void {
    const receivedAtMs = this.now();
    const venue = this.venue;
    const item = result as Record<string, unknown>;
    switch (subscription.channel) {
      case 'trades':
        for (const trade of result as Record<string, unknown>[]) {
          this.emit(subscription, tracker, tradeFromCcxt(venue, trade, receivedAtMs), receivedAtMs);
        }
        return;
      case 'book':
        return this.emit(
          subscription,
          tracker,
          bookFromCcxt(venue, item, this.config.bookDepth, receivedAtMs),
          receivedAtMs,
        );
      case 'ticker': {
        // ccxt resolves a watch with the message that woke it; tickers that arrived in the same
        // socket read are only in its cache. A ticker is a state: publish the newest.
        const newest = (
          this.exchange.tickers as unknown as Record<string, Record<string, unknown>> | undefined
        )?.[subscription.symbol];
        return this.emit(
          subscription,
          tracker,
          tickerFromCcxt(venue, newest ?? item, receivedAtMs),
          receivedAtMs,
        );
      }
      case 'mark':
        return this.emit(subscription, tracker, markFromCcxt(venue, item, receivedAtMs), receivedAtMs);
      case 'funding': {
        const fromMark = this.quirks?.fundingFromMarkStream;
        const funding = fromMark
          ? { symbol: item.symbol, timestamp: item.timestamp, ...fromMark(asRecord(item.info)) }
          : item;
        return this.emit(subscription, tracker, fundingFromCcxt(venue, funding, receivedAtMs), receivedAtMs);
      }
      case 'openInterest':
        return this.emit(
          subscription,
          tracker,
          openInterestFromCcxt(venue, item, receivedAtMs),
          receivedAtMs,
        );
      case 'ohlcv': {
        const timeframe = (subscription.timeframe ?? '1m') as Timeframe;
        // ccxt hands back the bars that changed; the last is the live one. A bar is closed once
        // a later one has opened.
        for (const row of result as unknown[][]) {
          const last = ohlcvState.lastRow;
          if (last && typeof row?.[0] === 'number' && row[0] > (last[0] as number)) {
            this.emit(
              subscription,
              tracker,
              ohlcvFromCcxt(venue, subscription.symbol, timeframe, last, true, receivedAtMs),
              receivedAtMs,
            );
          }
          ohlcvState.lastRow = row;
          this.emit(
            subscription,
            tracker,
            ohlcvFromCcxt(venue, subscription.symbol, timeframe, row, false, receivedAtMs),
            receivedAtMs,
          );
        }
        return;
      }
    }
  }

  private emit(
    subscription: Subscription,
    tracker: StreamHealthTracker,
    raw: unknown,
    receivedAtMs: number,
  ): void {
    const check = checkMarketEvent(raw, receivedAtMs);
    const key = `${this.venue} ${subscription.channel}`;
    if (!check.ok) {
      tracker.drop();
      this.options.dropLog.drop(key, `${key} ${subscription.symbol}: ${check.reason}`);
      return;
    }
    if (check.event.symbol !== subscription.symbol) {
      tracker.drop();
      this.options.dropLog.drop(key, `${key}: unexpected symbol ${check.event.symbol}`);
      return;
    }
    tracker.event(receivedAtMs);
    this.options.bus.publish(check.event);
  }
}

export function streamKey(subscription: Subscription): string {
  return `${subscription.symbol}|${subscription.channel}|${subscription.timeframe ?? ''}`;
}

function classify(error: unknown): FailureKind {
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) return 'rateLimited';
  if (error instanceof ccxt.ChecksumError || error instanceof ccxt.InvalidNonce) return 'resync';
  // Not a ccxt error at all (TypeError, SyntaxError): ccxt choked on the payload's content.
  if (!(error instanceof ccxt.BaseError)) return 'badPayload';
  return 'reconnect';
}

/** The error's class and first line, without URLs (they may carry a proxy's credentials). */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.constructor.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0].replace(/\b(https?|wss?):\/\/\S+/g, '<url>');
  return `${name}: ${firstLine.slice(0, 200)}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function describeLogLine(args: unknown[]): string {
  const text = args
    .filter((arg) => !(arg instanceof Date))
    .map((arg) => (arg instanceof Error ? arg.message : String(arg)))
    .join(' ');
  return text.replace(/\b(https?|wss?):\/\/\S+/g, '<url>').slice(0, 200);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
