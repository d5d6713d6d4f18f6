// Table types of migration 0002-market-data (market-data-migration.ts). Times are integer UTC
// milliseconds (int8, read back as bigint); prices and sizes float8.
import type { ColumnType } from 'kysely';

type Int8 = ColumnType<bigint, bigint | number, bigint | number>;

export interface MarketTradeTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  trade_id: string;
  price: number;
  amount: number;
  /** 1: buyer aggressor, -1: seller aggressor. */
  side: number;
  received_at_ms: Int8;
}

export interface MarketBarTable {
  venue: string;
  symbol: string;
  price_type: 'last' | 'mark';
  timeframe: string;
  open_time_ms: Int8;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface MarketFundingTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  rate: number;
  next_funding_time_ms: Int8 | null;
}

export interface MarketMarkTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  mark_price: number;
  index_price: number | null;
}

export interface MarketBookTopTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  sequence: Int8;
  bid: number | null;
  bid_size: number | null;
  ask: number | null;
  ask_size: number | null;
}

/** Migration 0005-market-tickers-open-interest. */
export interface MarketTickerTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  last: number;
  bid: number | null;
  ask: number | null;
  change_24h: number | null;
  base_volume_24h: number | null;
  quote_volume_24h: number | null;
  received_at_ms: Int8;
}

export interface MarketOpenInterestTable {
  venue: string;
  symbol: string;
  time_ms: Int8;
  amount: number;
  value: number | null;
  received_at_ms: Int8;
}

export interface MarketDataSchema {
  market_trades: MarketTradeTable;
  market_bars: MarketBarTable;
  market_funding: MarketFundingTable;
  market_marks: MarketMarkTable;
  market_book_tops: MarketBookTopTable;
  market_tickers: MarketTickerTable;
  market_open_interest: MarketOpenInterestTable;
}
