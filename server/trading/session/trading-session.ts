// The trading side of one run: the order path sink -> outbox -> order boundary -> broker ->
// venue, with past-tense events back into the ledger, the journal and the patch's trading
// feed. A run calls it around every kernel tick:
//
//   beforeTick(timeMs, bar): funding and marks up to the bar's open, then the finished bar
//     goes to the venue (resting orders meet its path); the feed is refreshed for the patch.
//   afterTick(timeMs): the tick's intents leave the outbox for the broker; their orders first
//     meet the next bar (never this one: no look-ahead).
//
// Everything here is synchronous and deterministic over the sim broker: the same patch over
// the same bars gives the same orders, fills and transfers, in a live replay, a paper run or a
// backtest. The ledger books every fill, fee, funding payment and liquidation as balanced
// transfers; the journal (when given) makes them durable off the tick. This file wires the
// parts and holds the session's clock and prices; each part has its own file.
import type { OrderIntent, Bar } from '@patchdesk/modules/sdk/ports';
import type { RiskDenial } from '@patchdesk/modules/sdk/risk-codes';
import { createTradingFeed, type RiskEvent, type TradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import type {
  EquityPoint,
  TradeAccount,
  TradeOrder,
  TradePosition,
  TradeRiskEvent,
} from '@patchdesk/modules/contracts/trading';
import { SimVenue } from '../../venues/sim/sim-venue';
import { toMinorUnits as venueMinorUnits } from '../../venues/sim/money';
import type { BrokerEvent, OrderRequest } from '../broker';
import { settleCurrencyOf } from '../events';
import { Accounting } from '../ledger/accounting';
import { MemoryLedger } from '../ledger/memory-ledger';
import { floorToStep } from '../order-request';
import { EquityCurve } from './equity-curve';
import { FeedRefresh } from './feed-refresh';
import { FramePublisher } from './frame-publisher';
import { MarketSeries, type MarketSeriesSink } from './market-series';
import { OrderRouter } from './order-router';
import { riskEventOf } from './risk-event';
import { RiskLog } from './risk-log';
import { SessionBooks } from './session-books';
import type { RiskListener, TradingListener, TradingSessionOptions } from './session-types';
import { accountOf, positionsOf } from './session-views';
import { SimBroker } from './sim-broker';
import { TradeRecords } from './trade-records';
import { tradingEventOf } from './trading-event-of';

export { riskEventsKeptMax } from './risk-log';
export { equityPointsKeptMax } from './equity-curve';
export type {
  FundingPoint,
  MarkPoint,
  RiskListener,
  TradingListener,
  TradingSessionOptions,
} from './session-types';

/** Broker events that change only an order, never a balance, a position or a margin. */
const orderLifeKinds: ReadonlySet<BrokerEvent['kind']> = new Set([
  'orderAccepted',
  'orderRejected',
  'orderModified',
  'orderTriggered',
  'orderCanceled',
]);

export class TradingSession {
  readonly feed: TradingFeed;
  readonly broker: SimBroker;
  readonly accounting: Accounting;
  readonly symbol: string;
  readonly currency: string;
  readonly accountId: string;
  readonly records = new TradeRecords();
  readonly #series: MarketSeries;
  readonly #seriesSink: MarketSeriesSink;
  readonly #books: SessionBooks;
  readonly #router: OrderRouter;
  readonly #refresh: FeedRefresh;
  readonly #equity = new EquityCurve();
  readonly #riskLog = new RiskLog();
  readonly #frames: FramePublisher;
  #timeMs: number | null = null;
  #lastPrice = Number.NaN;
  #markPrice = Number.NaN;

  constructor(options: TradingSessionOptions) {
    const { model } = options;
    this.symbol = model.market.symbol;
    this.currency = settleCurrencyOf(this.symbol);
    this.accountId = options.accountId ?? 'paper';
    const sim = new SimVenue({
      markets: [model.market],
      initialWalletMinor: venueMinorUnits(model.startingBalance),
      fillModel: { slippageBps: model.slippageBps, participationCap: model.participationCap },
      defaultLeverage: model.leverage,
      defaultMarginMode: model.marginMode,
      orderIdPrefix: `${options.runKey}-`,
    });
    this.broker = new SimBroker(sim, { eventIdPrefix: `${options.runKey}:`, currency: this.currency });
    this.accounting = new Accounting(new MemoryLedger(), { leverageOf: () => model.leverage });
    this.feed = createTradingFeed({
      symbol: this.symbol,
      instruments: [
        {
          symbol: this.symbol,
          priceStep: model.market.tickSize,
          quantityStep: model.market.lotSize,
          minQuantity: model.market.minQuantity,
          minNotional: model.market.minNotional,
        },
      ],
    });
    this.#series = new MarketSeries(options.funding, options.marks);
    this.#seriesSink = {
      mark: (timeMs, price) => {
        this.#refresh.markDirty();
        this.broker.onMark(this.symbol, timeMs, price);
        this.#markPrice = price;
      },
      funding: (timeMs, rate) => {
        this.#refresh.markDirty();
        this.broker.onFunding(this.symbol, timeMs, rate);
      },
    };
    this.#books = new SessionBooks(this.accounting, options.journal, options.onInvariantBroken);
    this.#frames = new FramePublisher(this);
    this.#router = new OrderRouter({
      runKey: options.runKey,
      broker: this.broker,
      feed: this.feed,
      records: this.records,
      timeMs: () => this.#timeMs,
      noteRisk: (event) => this.#noteRisk(event),
      orderSent: (order) => {
        this.#frames.orderChanged(order);
        this.#books.journalOrder(order);
      },
    });
    this.#refresh = new FeedRefresh({
      feed: this.feed,
      broker: this.broker,
      accounting: this.accounting,
      accountId: this.accountId,
      currency: this.currency,
      symbol: this.symbol,
      alwaysFull: options.fullRefreshEveryBar === true,
    });
    this.broker.onEvent((event) => this.#onBrokerEvent(event));
    this.#books.book({
      kind: 'deposit',
      eventId: `${options.runKey}:deposit`,
      accountId: this.accountId,
      atMs: 0,
      currency: this.currency,
      amount: model.startingBalance,
    });
    this.#refreshFeed(Number.NaN);
  }

  get timeMs(): number | null {
    return this.#timeMs;
  }

  /** Risk events noted so far (the kept list is bounded; this is not). */
  get riskEventCount(): number {
    return this.#riskLog.count;
  }

  /** Events the venue accepted and the ledger refused (a broken invariant; 0 in a sound run). */
  get ledgerRefusals(): number {
    return this.#books.refusals;
  }

  // ---- around the kernel tick ----------------------------------------------------------------

  /** Before the kernel tick at `timeMs` that delivers `bar` (null: a wake-up tick, nothing to do). */
  beforeTick(timeMs: number, bar: Bar | null): void {
    this.#timeMs = timeMs;
    if (bar === null) return;
    this.#series.upTo(bar.timeMs, this.#seriesSink);
    this.broker.onBar({ symbol: this.symbol, ...barFields(bar) });
    this.#lastPrice = bar.close;
    if (!this.#series.marksStarted) this.#markPrice = bar.close;
    this.#refreshFeed(timeMs);
    this.#equity.record(timeMs, this.feed.account.equity);
  }

  /** After the kernel tick: sends the tick's intents and publishes what changed. */
  afterTick(timeMs: number): void {
    const outbox = this.feed.outbox;
    if (outbox.intentCount > 0 || outbox.riskEventCount > 0) {
      for (let i = 0; i < outbox.riskEventCount; i++) this.#noteRisk(outbox.riskEvents[i] as RiskEvent);
      for (let i = 0; i < outbox.intentCount; i++)
        this.#router.route(outbox.intents[i] as OrderIntent, timeMs);
      // The slots and events are the modules' own objects: cleared, never kept.
      outbox.intents.fill(null, 0, outbox.intentCount);
      outbox.riskEvents.fill(null, 0, outbox.riskEventCount);
      outbox.intentCount = 0;
      outbox.riskEventCount = 0;
      this.#refreshFeed(timeMs);
    }
    this.#frames.publish(timeMs, this.#equity.last());
  }

  // ---- commands from people (TradeHub, RiskHub) ----------------------------------------------

  /** Cancels one working order; returns it, or null when it is not working. */
  cancelOrder(clientOrderId: string): TradeOrder | null {
    if (!this.records.isWorking(clientOrderId)) return null;
    this.broker.cancel(clientOrderId);
    this.#afterCommand();
    return this.records.order(clientOrderId) ?? null;
  }

  /** A reduce-only market order for the whole position; null when flat. */
  flatten(symbol: string, tag = 'manual'): TradeOrder | null {
    const size = this.feed.positions.get(symbol)?.size ?? 0;
    if (size === 0) return null;
    const clientOrderId = this.#router.nextClientOrderId();
    const request: OrderRequest = {
      clientOrderId,
      symbol,
      side: size > 0 ? 'sell' : 'buy',
      orderType: 'market',
      quantity: Math.abs(size),
      limitPrice: null,
      triggerPrice: null,
      timeInForce: 'GTC',
      reduceOnly: true,
      stopLossPrice: null,
      takeProfitPrice: null,
      tag,
      createdAtMs: this.#timeMs ?? 0,
    };
    this.#router.send(request);
    this.#afterCommand();
    return this.records.order(clientOrderId) ?? null;
  }

  /** The kill switch: gates refuse from now on, every working order is cancelled, positions optionally closed. */
  kill(options: { flatten: boolean; source: string }): { canceledOrders: number; flattenOrders: number } {
    this.feed.killSwitch = true;
    this.feed.version++;
    let canceledOrders = 0;
    for (const order of this.records.workingOrders()) {
      this.broker.cancel(order.clientOrderId);
      canceledOrders++;
    }
    let flattenOrders = 0;
    if (options.flatten) {
      for (const symbol of [...this.feed.positions.keys()]) {
        if (this.flatten(symbol, 'kill switch')) flattenOrders++;
      }
    }
    this.#noteRisk({
      atMs: this.#timeMs ?? 0,
      source: options.source,
      denial: { code: 'KILL_SWITCH_ON' },
      intent: null,
    });
    this.#afterCommand();
    return { canceledOrders, flattenOrders };
  }

  resetKillSwitch(): void {
    this.feed.killSwitch = false;
    this.feed.version++;
  }

  // ---- views ---------------------------------------------------------------------------------

  account(): TradeAccount {
    return accountOf(this, this.#markPrice);
  }

  positions(): TradePosition[] {
    return positionsOf(this.broker);
  }

  riskEvents(): TradeRiskEvent[] {
    return this.#riskLog.events();
  }

  equityPoints(): EquityPoint[] {
    return this.#equity.points();
  }

  /** One frame per tick with changes (listeners must not throw; they are the hubs' queues). */
  onFrame(listener: TradingListener): () => void {
    return this.#frames.onFrame(listener);
  }

  onRisk(listener: RiskListener): () => void {
    return this.#riskLog.onRisk(listener);
  }

  // ---- events back from the broker -----------------------------------------------------------

  #onBrokerEvent(event: BrokerEvent): void {
    // An order's own life (accepted, re-priced, triggered, cancelled, refused) moves no money:
    // the cheap refresh still gives a full one's figures (trading-session.test.ts checks it).
    // A patch re-pricing its limit every bar made this full refresh most of a paper tick.
    if (!orderLifeKinds.has(event.kind)) this.#refresh.markDirty();
    const { order, fill } = this.records.apply(event, (id) => this.#router.exitRequest(id));
    if (order) {
      this.#frames.orderChanged(order);
      this.#books.journalOrder(order);
      if (!this.records.isWorking(order.clientOrderId)) this.#router.releaseSlot(order.clientOrderId);
    }
    if (fill) this.#frames.filled(fill);
    const trading = tradingEventOf(event, this.accountId, this.#router.requests);
    if (trading) this.#books.book(trading);
  }

  #noteRisk(event: RiskEvent): void {
    const record = riskEventOf(event);
    this.#riskLog.add(record);
    this.#frames.riskNoted(record);
    this.#riskLog.tell(record);
  }

  #refreshFeed(timeMs: number): void {
    this.#refresh.refresh(timeMs, this.#lastPrice, this.#markPrice);
  }

  #afterCommand(): void {
    this.#refresh.markDirty();
    this.#refreshFeed(this.#timeMs ?? Number.NaN);
    this.#frames.publish(this.#timeMs ?? 0, this.#equity.last());
  }
}

function barFields(bar: Bar) {
  return {
    timeMs: bar.timeMs,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
  };
}

/** Lot-rounded size of a quantity for an instrument step (re-exported for the hubs' flatten checks). */
export const roundQuantityDown = floorToStep;

export type { RiskDenial };
