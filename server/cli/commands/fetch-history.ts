// Backfill through ccxt: candles (trade prices), mark-price candles and funding rates of one
// market, page by page from where the store stops. Each page is written in its own transaction
// before the next is asked for, so an interrupted backfill keeps every page it finished and the
// next run starts after the newest stored row (rows are keyed: a page fetched twice is stored
// once). Only closed candles are stored (open time + timeframe <= until).
import type { Exchange } from 'ccxt';
import { emptyRows, writeMarketRows } from '../../market/market-rows';
import { lastStoredBarMs, lastStoredFundingMs } from '../../market/stored-bars';
import type { Store } from '../../store/open-store';

export interface BackfillRequest {
  venue: string;
  symbol: string;
  timeframe: string;
  sinceMs: number;
  untilMs: number;
  /** Rows asked for per request. */
  pageLimit: number;
}

export type SeriesKind = 'ohlcv' | 'mark' | 'funding';

export interface SeriesResult {
  series: SeriesKind;
  /** Where this run started (after what was stored), or null when skipped. */
  fromMs: number | null;
  rows: number;
  pages: number;
  skipped?: string;
}

export type ProgressFn = (series: SeriesKind, doneMs: number, rows: number) => void;

export class BackfillError extends Error {
  constructor(
    readonly series: SeriesKind,
    readonly stoppedAtMs: number,
    readonly rows: number,
    cause: unknown,
  ) {
    super(firstLine(cause));
    this.name = 'BackfillError';
  }
}

export async function backfill(
  exchange: Exchange,
  store: Store,
  request: BackfillRequest,
  onProgress: ProgressFn,
): Promise<SeriesResult[]> {
  const results = [await candles(exchange, store, request, 'ohlcv', onProgress)];
  const has = exchange.has as Record<string, unknown>;
  results.push(
    has.fetchMarkOHLCV
      ? await candles(exchange, store, request, 'mark', onProgress)
      : {
          series: 'mark',
          fromMs: null,
          rows: 0,
          pages: 0,
          skipped: `${request.venue} has no mark-price candles in ccxt`,
        },
  );
  results.push(
    has.fetchFundingRateHistory
      ? await funding(exchange, store, request, onProgress)
      : {
          series: 'funding',
          fromMs: null,
          rows: 0,
          pages: 0,
          skipped: `${request.venue} has no funding history in ccxt`,
        },
  );
  return results;
}

async function candles(
  exchange: Exchange,
  store: Store,
  request: BackfillRequest,
  series: 'ohlcv' | 'mark',
  onProgress: ProgressFn,
): Promise<SeriesResult> {
  const { venue, symbol, timeframe, untilMs, pageLimit } = request;
  const priceType = series === 'mark' ? 'mark' : 'last';
  const lengthMs = exchange.parseTimeframe(timeframe) * 1_000;
  const last = await lastStoredBarMs(store, venue, symbol, timeframe, priceType);
  const fromMs = Math.max(request.sinceMs, last === null ? request.sinceMs : last + lengthMs);
  let since = fromMs;
  let rows = 0;
  let pages = 0;
  while (since + lengthMs <= untilMs) {
    let page;
    try {
      page = await exchange.fetchOHLCV(
        symbol,
        timeframe,
        since,
        pageLimit,
        series === 'mark' ? { price: 'mark' } : {},
      );
    } catch (error) {
      throw new BackfillError(series, since, rows, error);
    }
    pages++;
    const batch = emptyRows();
    let newest = Number.NEGATIVE_INFINITY;
    for (const [time, open, high, low, close, volume] of page) {
      if (time === undefined || time < since || time + lengthMs > untilMs) continue;
      if (open === undefined || high === undefined || low === undefined || close === undefined) continue;
      batch.bars.push({
        venue,
        symbol,
        price_type: priceType,
        timeframe,
        open_time_ms: time,
        open,
        high,
        low,
        close,
        volume: volume ?? 0,
      });
      newest = Math.max(newest, time);
    }
    if (batch.bars.length === 0) break; // nothing newer: the venue has no more (or a gap to now)
    await writeMarketRows(store.db, batch);
    rows += batch.bars.length;
    since = newest + lengthMs;
    onProgress(series, since, rows);
  }
  return { series, fromMs, rows, pages };
}

async function funding(
  exchange: Exchange,
  store: Store,
  request: BackfillRequest,
  onProgress: ProgressFn,
): Promise<SeriesResult> {
  const { venue, symbol, untilMs, pageLimit } = request;
  const last = await lastStoredFundingMs(store, venue, symbol);
  const fromMs = Math.max(request.sinceMs, last === null ? request.sinceMs : last + 1);
  let since = fromMs;
  let rows = 0;
  let pages = 0;
  while (since < untilMs) {
    let page;
    try {
      page = await exchange.fetchFundingRateHistory(symbol, since, pageLimit);
    } catch (error) {
      throw new BackfillError('funding', since, rows, error);
    }
    pages++;
    const batch = emptyRows();
    let newest = Number.NEGATIVE_INFINITY;
    for (const entry of page) {
      const time = entry.timestamp;
      if (time === undefined || time < since || time >= untilMs || typeof entry.fundingRate !== 'number')
        continue;
      batch.funding.push({
        venue,
        symbol,
        time_ms: time,
        rate: entry.fundingRate,
        next_funding_time_ms: null,
      });
      newest = Math.max(newest, time);
    }
    if (batch.funding.length === 0) break;
    await writeMarketRows(store.db, batch);
    rows += batch.funding.length;
    since = newest + 1;
    onProgress('funding', since, rows);
  }
  return { series: 'funding', fromMs, rows, pages };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  // ccxt puts the URL in some messages: keep the venue's words, not our endpoints.
  return text
    .split('\n')[0]
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 300);
}
