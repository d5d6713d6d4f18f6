// Trading contracts for TradeHub and RiskHub and the editor's Trading panel: orders, fills,
// positions, balances and risk events as the server reports them. Pure types. Prices and
// quantities are the venue's decimal numbers; money amounts are in the settle currency, read
// from the ledger's integer minor units (exact to 1e-8).
import type { OrderSide, OrderType, TimeInForce } from '../sdk/ports';
import type { RiskDenial } from '../sdk/risk-codes';
import type { ParityReport, RecordingSummary } from './parity';

export type TradeOrderStatus =
  'pending' | 'open' | 'triggered' | 'partiallyFilled' | 'filled' | 'canceled' | 'rejected';

export interface TradeOrder {
  clientOrderId: string;
  venueOrderId: string | null;
  symbol: string;
  side: OrderSide;
  orderType: OrderType;
  timeInForce: TimeInForce;
  quantity: number;
  filledQuantity: number;
  /** Volume-weighted price of the fills so far; null before the first. */
  averagePrice: number | null;
  limitPrice: number | null;
  triggerPrice: number | null;
  reduceOnly: boolean;
  status: TradeOrderStatus;
  /** Why it was rejected or cancelled, in words. */
  reason: string | null;
  /** The module type that asked (or `manual`, `kill switch`, `... stop-loss`). */
  tag: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface TradeFill {
  fillId: string;
  /** null for a liquidation. */
  clientOrderId: string | null;
  timeMs: number;
  symbol: string;
  side: OrderSide;
  price: number;
  quantity: number;
  /** Paid, in the settle currency (negative: a rebate). */
  fee: number;
  liquidity: 'maker' | 'taker';
  liquidation: boolean;
  tag: string;
}

export interface TradePosition {
  symbol: string;
  /** Signed: long > 0. */
  size: number;
  entryPrice: number | null;
  markPrice: number | null;
  unrealisedPnl: number;
  liquidationPrice: number | null;
  leverage: number;
  marginMode: 'cross' | 'isolated';
}

/** The account as the ledger books it (exact), with the venue's margin figures. */
export interface TradeAccount {
  currency: string;
  deposits: number;
  /** Wallet balance: deposits + realised PnL - fees + funding PnL. */
  cash: number;
  realisedPnl: number;
  /** Paid (positive). */
  fees: number;
  /** Received minus paid. */
  fundingPnl: number;
  unrealisedPnl: number;
  equity: number;
  /** Available for new orders, by the venue's margin rules. */
  freeMargin: number;
  /** Maintenance margin over margin balance: liquidation at 1. */
  marginRatio: number;
}

export interface TradeRiskEvent {
  atMs: number;
  /** The module type that refused, `broker` for the order boundary, `risk hub` for the kill switch and dead-man. */
  source: string;
  code: RiskDenial['code'];
  /** The denial's figures and a sentence. */
  message: string;
  denial: RiskDenial;
}

export interface EquityPoint {
  timeMs: number;
  equity: number;
}

export interface TradingSnapshot {
  kind: 'snapshot';
  patchName: string;
  mode: 'paper';
  /** Data time of the newest tick, null before the first. */
  timeMs: number | null;
  account: TradeAccount;
  positions: TradePosition[];
  /** Working orders, then the most recent finished ones. */
  orders: TradeOrder[];
  /** Most recent fills, oldest first. */
  fills: TradeFill[];
  riskEvents: TradeRiskEvent[];
  /** One point per bar, the most recent ones (downsampled for long runs). */
  equity: EquityPoint[];
  killSwitch: boolean;
  deadMan: DeadManStatus;
  counts: { orders: number; fills: number; riskEvents: number };
}

/** What changed in one tick (sent at most once per tick, coalesced when a client is slow). */
export interface TradingFrame {
  kind: 'frame';
  patchName: string;
  timeMs: number;
  account: TradeAccount;
  positions: TradePosition[];
  /** Orders that changed, in their new state. */
  orders: TradeOrder[];
  fills: TradeFill[];
  riskEvents: TradeRiskEvent[];
  equity: EquityPoint | null;
  killSwitch: boolean;
}

export interface DeadManStatus {
  armed: boolean;
  timeoutSeconds: number | null;
  /** Wall time by which the next heartbeat must arrive. */
  deadlineAtMs: number | null;
}

export interface KillSwitchOptions {
  /** Also close every position at market (reduce-only). Default true. */
  flatten?: boolean;
  /** Also stop the run. Default false. */
  stopRun?: boolean;
}

export interface KillSwitchReport {
  canceledOrders: number;
  flattenOrders: number;
  runStopped: boolean;
}

export interface TradeHubMethods {
  snapshot(patchName: string): TradingSnapshot;
  /** A snapshot first, then one frame per tick with changes, until the run ends. */
  stream(patchName: string): AsyncIterable<TradingSnapshot | TradingFrame>;
  cancelOrder(patchName: string, clientOrderId: string): TradeOrder;
  /** Sends a reduce-only market order for the whole position; null when flat. */
  flatten(patchName: string, symbol: string): TradeOrder | null;
  /** The patch's recorded paper runs, newest first (at most recordingsListedMax). */
  recordings(patchName: string): RecordingSummary[];
  /** Re-runs a recorded paper run as a backtest and compares (contracts/parity.ts). */
  parity(runId: string): ParityReport;
}

export interface RiskHubMethods {
  /** Risk events of the run, from the recent ones kept, then live. */
  stream(patchName: string): AsyncIterable<TradeRiskEvent>;
  killSwitch(patchName: string, options?: KillSwitchOptions | null): KillSwitchReport;
  /** Releases the kill switch: gates let orders through again. */
  resetKillSwitch(patchName: string): boolean;
  armDeadMan(patchName: string, timeoutSeconds: number): DeadManStatus;
  heartbeat(patchName: string): DeadManStatus;
  disarmDeadMan(patchName: string): DeadManStatus;
}
