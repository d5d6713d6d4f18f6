// The shape of a finished backtest: plain data (JSON-safe, no class instances), the same for
// the CLI's --json, the store and the BacktestHub. NaN metrics become null in JSON.
import type { BacktestProbeHistory } from '@patchdesk/modules/contracts/backtest';
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import type { Metrics } from './metrics';
import type { RoundTripTrade } from './round-trips';
import type { CandleColumns } from './display-candles';
import type { SeriesColumns } from './display-series';

export interface BacktestFill {
  timeMs: number;
  side: 'buy' | 'sell';
  price: number;
  quantity: number;
  /** Paid (positive) or a maker rebate (negative); for a liquidation, the liquidation fee. */
  fee: number;
  liquidity: 'maker' | 'taker';
  liquidation: boolean;
  /** The order it filled (null for a liquidation). */
  clientOrderId: string | null;
}

export interface BacktestAccount {
  currency: string;
  deposits: number;
  /** Wallet balance: deposits + realisedPnl - fees + fundingPnl. */
  cash: number;
  realisedPnl: number;
  /** Paid, positive. */
  fees: number;
  /** Received minus paid. */
  fundingPnl: number;
  /** Margin locked in positions at the end. */
  margin: number;
  unrealisedPnl: number;
  equity: number;
}

export interface BacktestBarsInfo {
  count: number;
  firstTimeMs: number;
  lastTimeMs: number;
}

export interface BacktestCounts {
  orders: number;
  fills: number;
  trades: number;
  fundingEvents: number;
  riskEvents: number;
  /** Fills the ledger refused (must be 0: a rule differs between venue and ledger otherwise). */
  ledgerRefusals: number;
}

export interface BacktestResult {
  status: 'completed' | 'cancelled';
  bars: BacktestBarsInfo;
  metrics: Metrics;
  account: BacktestAccount;
  /** The first `recordsKeptMax` of each (counts has the totals). */
  orders: TradeOrder[];
  fills: BacktestFill[];
  trades: RoundTripTrade[];
  /** Equity at each kept bar (the display series, downsampled to a bound). */
  equity: { timeMs: number[]; equity: number[] };
  series: SeriesColumns;
  /** Bars per display point. */
  seriesStride: number;
  /** The price chart's candles (OHLC of `stride` bars each), bounded like the series. */
  candles: CandleColumns;
  /** The probed ports at the series' kept bars (probe-history.ts). */
  probes: BacktestProbeHistory;
  counts: BacktestCounts;
}
