// ccxt's unified structures (Trade, OrderBook, Ticker, FundingRate, OpenInterest, OHLCV rows)
// to our normalised events. Pure. The result is NOT trusted: it goes through checkMarketEvent,
// so a missing field or a string where a number belongs comes out as a reason, not a crash.
// ccxt types are loose (fields are optional and may be undefined), so inputs are `Loose`.
import type { Timeframe } from '../market/timeframes';

type Loose = Record<string, unknown> | null | undefined;

const num = (value: unknown): unknown => (value === undefined ? null : value);

/** ccxt's unified trade: `side` is the taker's side, which is our aggressor side. */
export function tradeFromCcxt(venue: string, trade: Loose, receivedAtMs: number): unknown {
  const side = trade?.side;
  return {
    kind: 'trade',
    venue,
    symbol: trade?.symbol,
    exchangeTimeMs: trade?.timestamp,
    receivedAtMs,
    tradeId: String(trade?.id ?? ''),
    price: trade?.price,
    amount: trade?.amount,
    side,
    sideFrom: 'venue',
  };
}

/**
 * ccxt maintains the book (snapshot plus diffs, with its own sequence checks); we publish the
 * top `depth` levels as a snapshot carrying ccxt's nonce (the venue's update id) as sequence.
 */
export function bookFromCcxt(venue: string, book: Loose, depth: number, receivedAtMs: number): unknown {
  const nonce = book?.nonce;
  return {
    kind: 'book',
    venue,
    symbol: book?.symbol,
    exchangeTimeMs: book?.timestamp ?? receivedAtMs,
    receivedAtMs,
    update: 'snapshot',
    sequence: typeof nonce === 'number' ? nonce : 0,
    previousSequence: null,
    bids: levels(book?.bids, depth),
    asks: levels(book?.asks, depth),
  };
}

function levels(side: unknown, depth: number): unknown {
  if (!Array.isArray(side)) return side;
  const out: unknown[] = [];
  for (let i = 0; i < side.length && out.length < depth; i++) {
    const level = side[i] as unknown[];
    out.push([level?.[0], level?.[1]]);
  }
  return out;
}

export function tickerFromCcxt(venue: string, ticker: Loose, receivedAtMs: number): unknown {
  const percentage = ticker?.percentage;
  return {
    kind: 'ticker',
    venue,
    symbol: ticker?.symbol,
    exchangeTimeMs: ticker?.timestamp ?? receivedAtMs,
    receivedAtMs,
    last: ticker?.last ?? ticker?.close,
    bid: num(ticker?.bid),
    ask: num(ticker?.ask),
    change24h: typeof percentage === 'number' ? percentage / 100 : null,
    baseVolume24h: num(ticker?.baseVolume),
    quoteVolume24h: num(ticker?.quoteVolume),
  };
}

/** From watchMarkPrice / fetchTicker (ccxt puts markPrice and indexPrice on the ticker). */
export function markFromCcxt(venue: string, ticker: Loose, receivedAtMs: number): unknown {
  return {
    kind: 'mark',
    venue,
    symbol: ticker?.symbol,
    exchangeTimeMs: ticker?.timestamp ?? receivedAtMs,
    receivedAtMs,
    markPrice: ticker?.markPrice,
    indexPrice: num(ticker?.indexPrice),
  };
}

export function fundingFromCcxt(venue: string, funding: Loose, receivedAtMs: number): unknown {
  return {
    kind: 'funding',
    venue,
    symbol: funding?.symbol,
    exchangeTimeMs: funding?.timestamp ?? receivedAtMs,
    receivedAtMs,
    rate: funding?.fundingRate,
    nextFundingTimeMs: num(funding?.nextFundingTimestamp ?? funding?.fundingTimestamp),
  };
}

export function openInterestFromCcxt(venue: string, oi: Loose, receivedAtMs: number): unknown {
  return {
    kind: 'openInterest',
    venue,
    symbol: oi?.symbol,
    exchangeTimeMs: oi?.timestamp ?? receivedAtMs,
    receivedAtMs,
    amount: oi?.openInterestAmount ?? oi?.baseVolume,
    value: num(oi?.openInterestValue ?? oi?.quoteVolume),
  };
}

/** One ccxt OHLCV row [openTime, open, high, low, close, volume]. */
export function ohlcvFromCcxt(
  venue: string,
  symbol: string,
  timeframe: Timeframe,
  row: unknown,
  closed: boolean,
  receivedAtMs: number,
): unknown {
  const r = Array.isArray(row) ? (row as unknown[]) : [];
  return {
    kind: 'ohlcv',
    venue,
    symbol,
    exchangeTimeMs: r[0],
    receivedAtMs,
    timeframe,
    openTimeMs: r[0],
    open: r[1],
    high: r[2],
    low: r[3],
    close: r[4],
    volume: r[5],
    closed,
  };
}
