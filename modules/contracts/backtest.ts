// BacktestHub (/hubs/backtest): start a backtest of a patch on the simulated venue, follow its
// progress, read its result, and browse stored results. Numbers are in the quote currency or
// fractions; a metric undefined for the input is null. Conventions: server/backtest/README.md.
import type { Patch } from '../patch/types';
import type { SweepHubMethods } from './sweep';
import type { TradeOrder } from './trading';

/** Also to be listed in hubPaths (contracts/hubs.ts) at merge. */
export const backtestHubPath = '/hubs/backtest';

/** Largest CSV text a browser may upload in one call (the hub's message limit is 1 MiB). */
export const backtestUploadCharsMax = 900_000;

export type BacktestData =
  /** The server's bundled sample (BTC/USDT perpetual, 1-minute bars). */
  | { kind: 'sample' }
  /** A CSV uploaded from the browser: time,open,high,low,close,volume or Binance klines. */
  | { kind: 'csv'; name: string; text: string }
  /**
   * Recorded history from the market store (recorded, imported or fetched): the trade-price
   * bars of `venue` `symbol` at `timeframe` whose open time is in [fromMs, toMs).
   */
  | { kind: 'recorded'; venue: string; symbol: string; timeframe: string; fromMs: number; toMs: number };

/** Bars the market store holds for one venue, symbol and timeframe (BacktestHub.datasets). */
export interface BacktestStoredDataset {
  venue: string;
  symbol: string;
  timeframe: string;
  /** Open time of the oldest and newest bar, UTC ms. */
  firstMs: number;
  lastMs: number;
  count: number;
}

export interface BacktestVenueModel {
  startingBalance?: number;
  makerFee?: number;
  takerFee?: number;
  slippageBps?: number;
  participationCap?: number;
  leverage?: number;
  marginMode?: 'cross' | 'isolated';
}

export interface BacktestConfig {
  data: BacktestData;
  model?: BacktestVenueModel;
  /** Store the result when it completes (default true). */
  save?: boolean;
  /** Virtual ms per wall ms, to watch it at a pace (default: as fast as possible); results do not depend on it. */
  speed?: number;
}

export interface BacktestProgressFrame {
  id: string;
  state: 'running' | 'completed' | 'cancelled' | 'failed';
  barsDone: number;
  barsTotal: number;
  /** 0-100. */
  percent: number;
  /** Estimated ms left; null before it can be told. */
  etaMs: number | null;
  equity: number;
  timeMs: number | null;
  /** Why it failed. */
  error: string | null;
}

export type BacktestMetrics = Record<
  | 'totalReturn'
  | 'cagr'
  | 'sharpe'
  | 'sortino'
  | 'calmar'
  | 'maxDrawdown'
  | 'maxDrawdownDurationMs'
  | 'volatility'
  | 'winRate'
  | 'profitFactor'
  | 'expectancy'
  | 'averageWin'
  | 'averageLoss'
  | 'exposure'
  | 'turnover'
  | 'fees'
  | 'fundingPaid'
  | 'fundingReceived'
  | 'liquidations'
  | 'trades'
  | 'buyAndHoldReturn'
  | 'buyAndHoldMaxDrawdown',
  number | null
>;

export interface BacktestTrade {
  side: 'long' | 'short';
  entryTimeMs: number;
  exitTimeMs: number;
  entryPrice: number;
  exitPrice: number;
  quantity: number;
  grossPnl: number;
  fees: number;
  funding: number;
  pnl: number;
  durationMs: number;
  mae: number;
  mfe: number;
  liquidated: boolean;
}

export interface BacktestFillRecord {
  timeMs: number;
  side: 'buy' | 'sell';
  price: number;
  quantity: number;
  fee: number;
  liquidity: 'maker' | 'taker';
  liquidation: boolean;
  clientOrderId: string | null;
}

export interface BacktestAccountSummary {
  currency: string;
  deposits: number;
  cash: number;
  realisedPnl: number;
  fees: number;
  fundingPnl: number;
  margin: number;
  unrealisedPnl: number;
  equity: number;
}

export interface BacktestSeries {
  timeMs: number[];
  equity: number[];
  drawdown: number[];
  close: number[];
  buyAndHold: number[];
}

/** OHLC candles of `stride` bars each, for the price chart (bounded like the series). */
export interface BacktestCandles {
  stride: number;
  timeMs: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

/**
 * Every probed port's values over the whole backtest, at the same kept bars as the display
 * series (`stride` bars apart): `values[p][i]` is port `ports[p]` at `timeMs[i]`; null where the
 * port had no value yet (NaN).
 */
export interface BacktestProbeHistory {
  ports: string[];
  stride: number;
  timeMs: number[];
  values: (number | null)[][];
}

export interface BacktestOutcome {
  id: string;
  /** The stored result's id; null when not stored (save: false, or no store). */
  resultId: string | null;
  name: string;
  status: 'completed' | 'cancelled';
  bars: { count: number; firstTimeMs: number; lastTimeMs: number };
  metrics: BacktestMetrics;
  account: BacktestAccountSummary;
  counts: {
    orders: number;
    fills: number;
    trades: number;
    fundingEvents: number;
    riskEvents: number;
    ledgerRefusals: number;
  };
  series: BacktestSeries;
  seriesStride: number;
  /** Null for a result stored before candles were kept. */
  candles: BacktestCandles | null;
  /** The patch's probes (its view) over the run; null for a result stored before probes were kept. */
  probes: BacktestProbeHistory | null;
  trades: BacktestTrade[];
  fills: BacktestFillRecord[];
  orders: TradeOrder[];
}

export interface BacktestListItem {
  id: string;
  name: string;
  createdAtMs: number;
  patchHash: string;
  data: Record<string, unknown>;
  metrics: BacktestMetrics;
}

export interface BacktestComparison {
  a: BacktestListItem;
  b: BacktestListItem;
  metrics: { name: keyof BacktestMetrics; a: number | null; b: number | null; delta: number | null }[];
  sameInputs: boolean;
}

/** Sweeps (startSweep, sweepProgress, sweepResult, cancelSweep): contracts/sweep.ts. */
export interface BacktestHubMethods extends SweepHubMethods {
  start(patch: Patch, config: BacktestConfig): string;
  /** Server stream: frames at most 10 a second, ending when the backtest ends. */
  progress(id: string): BacktestProgressFrame;
  /** Waits for the end; the outcome (cancelled ones included, never stored). */
  result(id: string): BacktestOutcome;
  cancel(id: string): boolean;
  list(limit?: number): BacktestListItem[];
  /** A stored result as an outcome (resultId = id). */
  open(resultId: string): BacktestOutcome | null;
  compare(a: string, b: string): BacktestComparison | null;
  delete(resultId: string): boolean;
  /** The bar series the market store holds, for the "Recorded history" pickers (at most 500). */
  datasets(): BacktestStoredDataset[];
}
