// A backtest: one patch version over bars (with optional funding and mark series) under a venue
// model. The kernel runs under the virtual clock with a TradingSession (sim venue, broker,
// ledger) around every tick, exactly as a paper run does; this file only watches: it collects
// orders, fills, round-trip trades, the equity curve with its drawdown and the metrics, holding
// no object per bar (streamed metrics, bounded display series, capped records; the full
// per-bar series goes to `onBar` for whoever writes it to a file).
// Conventions (event order, fills, fees, funding, liquidation): server/backtest/README.md.
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { Run, type RunTrading } from '../engine/run';
import type { BarColumns } from '../market/bar-columns';
import type { BrokerEvent } from '../trading/broker';
import { accountView } from '../trading/ledger/account-view';
import { minorUnitsToNumber } from '../trading/ledger/money';
import { venueModelOf, type VenueModelInput } from '../trading/session/paper-config';
import { TradingSession, type FundingPoint, type MarkPoint } from '../trading/session/trading-session';
import type { BacktestFill, BacktestResult } from './backtest-result';
import { DisplayCandles } from './display-candles';
import { DisplaySeries } from './display-series';
import { MetricsStream } from './metrics-stream';
import { ProbeHistory, readablePorts } from './probe-history';
import { RoundTrips } from './round-trips';
import type { RunMarket } from '../engine/market-replay';

export const displayPointsDefault = 2_000;
/** Orders, fills and trades kept in a result; the counts say how many there were in all. */
export const recordsKeptMax = 100_000;

export interface BacktestProgress {
  barsDone: number;
  /** Known when the bars are held; null when streamed. */
  barsTotal: number | null;
  /** Time of the last bar done (its open). */
  timeMs: number;
  equity: number;
}

/** One bar of the full series, for a file (called for every bar; keep nothing per bar). */
export type BarSink = (timeMs: number, equity: number, drawdown: number, close: number) => void;

export interface BacktestOptions {
  patch: Patch;
  registry?: ModuleRegistry;
  /** Held columns, or chunks of columns streamed from a file. */
  bars: BarColumns | AsyncIterable<BarColumns>;
  funding?: readonly FundingPoint[];
  marks?: readonly MarkPoint[];
  model?: VenueModelInput;
  /** Prefix of the run's client order ids (1-12 lower-case letters or digits). */
  runKey?: string;
  displayPoints?: number;
  /** Ports whose values are kept over the run (MODULE.PORT); default: the patch's probes (view.probes). */
  probes?: readonly string[];
  onProgress?: (progress: BacktestProgress) => void;
  onBar?: BarSink;
  /** Aborting stops the run at the next slice; the result says 'cancelled'. */
  signal?: AbortSignal;
  /** Asked at every slice like `signal`; true stops the run ('cancelled'). For a flag another
   *  thread sets (a worker thread has no AbortSignal from the thread that cancels). */
  shouldStop?: () => boolean;
  /** Virtual ms per wall ms, to watch a backtest at a pace (default: as fast as possible). Results do not depend on it. */
  speed?: number;
  /** The clock grid and bar interval (default: 100 ms, inferred from the bars): a parity re-run passes the paper run's. */
  tickIntervalMs?: number;
  barIntervalMs?: number;
  /** Market data for the patch's market sources (a parity re-run passes the paper run's tape). */
  market?: RunMarket;
  /** Called once before the run starts, to watch its ticks and broker events (parity compares them). */
  onStart?: (run: Run, session: TradingSession) => void;
  /**
   * Bars opening before this only warm the patch up (a walk-forward window's in-sample bars):
   * their ticks' order intents are dropped and they count in no metric, trade or series.
   */
  tradeFromMs?: number;
}

export class BacktestError extends Error {
  constructor(
    message: string,
    readonly moduleId: string | null = null,
  ) {
    super(message);
    this.name = 'BacktestError';
  }
}

export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const model = venueModelOf(options.model ?? {});
  const session = new TradingSession({
    model,
    runKey: options.runKey ?? 'bt',
    funding: options.funding,
    marks: options.marks,
  });
  const run = new Run({
    patch: options.patch,
    registry: options.registry ?? createBuiltinRegistry(),
    bars: options.bars,
    pacing: { kind: 'virtual', speed: options.speed },
    trading: options.tradeFromMs === undefined ? session : warmUpGate(session, options.tradeFromMs),
    ...(options.tickIntervalMs === undefined ? {} : { tickIntervalMs: options.tickIntervalMs }),
    ...(options.barIntervalMs === undefined ? {} : { barIntervalMs: options.barIntervalMs }),
    ...(options.market ? { market: options.market } : {}),
  });
  options.onStart?.(run, session);
  const barsTotal = isColumns(options.bars) ? options.bars.length : null;

  const metrics = new MetricsStream();
  const trades = new RoundTrips(recordsKeptMax, (trade) => metrics.trade(trade.pnl));
  const display = new DisplaySeries(options.displayPoints ?? displayPointsDefault);
  const candles = new DisplayCandles(options.displayPoints ?? displayPointsDefault);
  const read = (key: string): number => run.kernel.read(key);
  const probePorts = readablePorts(options.probes ?? options.patch.view?.probes ?? [], read);
  const probes = new ProbeHistory(probePorts, options.displayPoints ?? displayPointsDefault);
  const readOrNaN = (key: string): number => {
    try {
      return read(key);
    } catch {
      return Number.NaN; // cannot happen without a hot patch; a backtest has none
    }
  };
  const fills: BacktestFill[] = [];
  const orders = new Map<string, TradeOrder>();
  const flows = { tradedNotional: 0, feesPaid: 0, fundingPaid: 0, fundingReceived: 0, liquidations: 0 };
  let fillCount = 0;
  let fundingEvents = 0;
  let firstClose = Number.NaN;
  let firstTimeMs = Number.NaN;
  let lastTimeMs = Number.NaN;
  let lastEquity = model.startingBalance;

  session.broker.onEvent((event: BrokerEvent) => {
    // The session's own listener ran first: its records already hold the order's new state.
    if ('clientOrderId' in event) {
      const order = session.records.order(event.clientOrderId);
      if (order && (orders.has(order.clientOrderId) || orders.size < recordsKeptMax)) {
        orders.set(order.clientOrderId, { ...order });
      }
    }
    if (event.kind === 'orderFilled') {
      fillCount++;
      flows.tradedNotional += event.price * event.quantity;
      flows.feesPaid += event.fee;
      trades.fill(event.atMs, event.side, event.price, event.quantity, event.fee, false);
      if (fills.length < recordsKeptMax) {
        fills.push({
          timeMs: event.atMs,
          side: event.side,
          price: event.price,
          quantity: event.quantity,
          fee: event.fee,
          liquidity: event.liquidity,
          liquidation: false,
          clientOrderId: event.clientOrderId,
        });
      }
    } else if (event.kind === 'positionLiquidated') {
      fillCount++;
      flows.liquidations++;
      const quantity = Math.abs(event.size);
      const side = event.size > 0 ? 'sell' : 'buy';
      flows.tradedNotional += event.price * quantity;
      flows.feesPaid += event.fee;
      trades.fill(event.atMs, side, event.price, quantity, event.fee, true);
      if (fills.length < recordsKeptMax) {
        fills.push({
          timeMs: event.atMs,
          side,
          price: event.price,
          quantity,
          fee: event.fee,
          liquidity: 'taker',
          liquidation: true,
          clientOrderId: null,
        });
      }
    } else if (event.kind === 'fundingPaid') {
      if (event.amount === 0) return;
      fundingEvents++;
      if (event.amount > 0) flows.fundingReceived += event.amount;
      else flows.fundingPaid -= event.amount;
      trades.funding(event.amount);
    }
  });

  const feed = session.feed;
  const symbol = session.symbol;
  const onBar = options.onBar;
  const tradeFromMs = options.tradeFromMs ?? Number.NEGATIVE_INFINITY;
  run.events.on('tick', (_timeMs, bar) => {
    if (bar === null || bar.timeMs < tradeFromMs) return;
    if (Number.isNaN(firstClose)) {
      firstClose = bar.close;
      firstTimeMs = bar.timeMs;
    }
    lastTimeMs = bar.timeMs;
    const equity = feed.account.equity;
    lastEquity = equity;
    const inMarket = (feed.positions.get(symbol)?.size ?? 0) !== 0;
    trades.bar(bar.high, bar.low);
    const drawdown = metrics.bar(bar.timeMs, equity, bar.close, inMarket);
    display.add(bar.timeMs, equity, drawdown, bar.close, (model.startingBalance * bar.close) / firstClose);
    candles.add(bar.timeMs, bar.open, bar.high, bar.low, bar.close);
    probes.add(bar.timeMs, readOrNaN);
    onBar?.(bar.timeMs, equity, drawdown, bar.close);
  });

  let cancelled = false;
  const onProgress = options.onProgress;
  run.events.on('progress', (status) => {
    if (options.signal?.aborted || options.shouldStop?.()) {
      cancelled = true;
      run.stop('cancelled');
      return;
    }
    onProgress?.({ barsDone: status.barsDelivered, barsTotal, timeMs: lastTimeMs, equity: lastEquity });
  });
  if (options.signal?.aborted || options.shouldStop?.()) cancelled = true;

  const status = cancelled ? run.status() : await run.start();
  if (status.state === 'error') {
    throw new BacktestError(`backtest failed after ${status.barsDelivered} bars: ${status.reason ?? ''}`);
  }

  const account = session.account();
  const view = accountView(session.accounting, session.accountId, session.currency, {});
  const series = display.columns();
  return {
    status: cancelled ? 'cancelled' : 'completed',
    bars: { count: metrics.bars, firstTimeMs, lastTimeMs },
    metrics: metrics.finish(flows),
    account: {
      currency: account.currency,
      deposits: account.deposits,
      cash: account.cash,
      realisedPnl: account.realisedPnl,
      fees: account.fees,
      fundingPnl: account.fundingPnl,
      margin: minorUnitsToNumber(view.marginUnits),
      unrealisedPnl: account.unrealisedPnl,
      equity: account.equity,
    },
    orders: [...orders.values()],
    fills,
    trades: trades.trades(),
    equity: { timeMs: series.timeMs, equity: series.equity },
    series,
    seriesStride: display.stride,
    candles: candles.columns(),
    probes: probes.columns(),
    counts: {
      orders: session.records.orderCount,
      fills: fillCount,
      trades: trades.count,
      fundingEvents,
      riskEvents: session.riskEventCount,
      ledgerRefusals: session.ledgerRefusals,
    },
  };
}

/** The session, except that a tick delivering a bar opening before `tradeFromMs` sends nothing. */
function warmUpGate(session: TradingSession, tradeFromMs: number): RunTrading {
  let warming = true;
  return {
    feed: session.feed,
    beforeTick(timeMs, bar) {
      if (bar !== null) warming = bar.timeMs < tradeFromMs;
      session.beforeTick(timeMs, bar);
    },
    afterTick(timeMs) {
      if (warming) session.feed.outbox.drain();
      session.afterTick(timeMs);
    },
  };
}

function isColumns(bars: BarColumns | AsyncIterable<BarColumns>): bars is BarColumns {
  return typeof (bars as Partial<AsyncIterable<BarColumns>>)[Symbol.asyncIterator] !== 'function';
}
