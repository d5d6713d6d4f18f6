// History the fake venue serves over REST for backfill tests (`patchdesk fetch`): candles of
// trade prices and of mark prices, and funding rates, over a fixed span, generated from the
// bar index so every request for the same range gets the same numbers. Pages follow Binance's
// rules: rows with time >= startTime (and <= endTime when given), at most `limit` of them.
// `failAfterRequests` makes the next requests answer HTTP 500 after that many have been
// served, as a venue outage in the middle of a backfill would.
import type { HttpAnswer } from './fake-venue';

export interface FakeHistoryOptions {
  startMs: number;
  /** Candles open before this time exist. */
  endMs: number;
  timeframeMs: number;
  fundingIntervalMs?: number;
}

/** Candle `i` of the span, trade prices: an up and down path with exact binary fractions. */
export function fakeCandle(i: number): [number, number, number, number, number] {
  const open = 100 + (i % 17) * 0.25;
  const close = 100 + ((i + 1) % 17) * 0.25;
  return [open, Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close, 1 + (i % 5)];
}

export class FakeHistory {
  served = 0;
  failAfterRequests = Number.POSITIVE_INFINITY;
  /** startTime of each kline request (trade and mark), in order. */
  readonly klineStarts: number[] = [];

  constructor(private readonly options: FakeHistoryOptions) {}

  answer(path: string, query: URLSearchParams): HttpAnswer | null {
    const isKlines = path === '/fapi/v1/klines' || path === '/fapi/v1/markPriceKlines';
    if (!isKlines && path !== '/fapi/v1/fundingRate') return null;
    if (this.served >= this.failAfterRequests)
      return { status: 500, body: { code: -1000, msg: 'fake outage' } };
    this.served++;
    const limit = Math.min(Number(query.get('limit') ?? 500), 1_500);
    const since = Number(query.get('startTime') ?? this.options.startMs);
    const until = query.has('endTime') ? Number(query.get('endTime')) : Number.POSITIVE_INFINITY;
    if (isKlines) {
      this.klineStarts.push(since);
      return { body: this.klines(since, until, limit, path.includes('markPrice')) };
    }
    return { body: this.funding(since, until, limit, query.get('symbol') ?? '') };
  }

  private klines(since: number, until: number, limit: number, mark: boolean): unknown[] {
    const { startMs, endMs, timeframeMs } = this.options;
    const rows: unknown[] = [];
    let i = Math.max(0, Math.ceil((since - startMs) / timeframeMs));
    for (; rows.length < limit; i++) {
      const openMs = startMs + i * timeframeMs;
      if (openMs >= endMs || openMs > until) break;
      const [o, h, l, c, v] = fakeCandle(i);
      const shift = mark ? 0.125 : 0; // mark prices sit just above trade prices
      rows.push([
        openMs,
        String(o + shift),
        String(h + shift),
        String(l + shift),
        String(c + shift),
        mark ? '0' : String(v),
        openMs + timeframeMs - 1,
        '0',
        10,
        '0',
        '0',
        '0',
      ]);
    }
    return rows;
  }

  private funding(since: number, until: number, limit: number, symbol: string): unknown[] {
    const { startMs, endMs } = this.options;
    const interval = this.options.fundingIntervalMs ?? 28_800_000;
    const rows: unknown[] = [];
    let i = Math.max(0, Math.ceil((since - startMs) / interval));
    for (; rows.length < limit; i++) {
      const timeMs = startMs + i * interval;
      if (timeMs >= endMs || timeMs > until) break;
      rows.push({ symbol, fundingTime: timeMs, fundingRate: String(fakeFundingRate(i)), markPrice: '100.0' });
    }
    return rows;
  }
}

/** Funding rate `i`: 0.0001 with a small alternating premium. */
export function fakeFundingRate(i: number): number {
  return i % 2 === 0 ? 0.0001 : -0.00005;
}
