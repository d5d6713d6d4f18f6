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
// transfers; the journal (when given) makes them durable off the tick.
import type { OrderIntent, OrderSlot, Bar } from '@patchdesk/modules/sdk/ports';
import type { RiskDenial } from '@patchdesk/modules/sdk/risk-codes';
import {
  createTradingFeed,
  positionFor,
  type RiskEvent,
  type TradingFeed,
} from '@patchdesk/modules/sdk/trading-feed';
import type {
  EquityPoint,
  TradeAccount,
  TradeFill,
  TradeOrder,
  TradePosition,
  TradeRiskEvent,
  TradingFrame,
} from '@patchdesk/modules/contracts/trading';
import { SimVenue } from '../../venues/sim/sim-venue';
import { toMinorUnits as venueMinorUnits } from '../../venues/sim/money';
import type { BrokerEvent, ClientOrderId, OrderRequest } from '../broker';
import { makeClientOrderId, parseClientOrderId } from '../client-order-id';
import { settleCurrencyOf, type TradingEvent } from '../events';
import { Accounting } from '../ledger/accounting';
import { accountView } from '../ledger/account-view';
import { MemoryLedger } from '../ledger/memory-ledger';
import { minorUnitsToNumber, notionalMinorUnits } from '../ledger/money';
import { journalEntriesForBooking } from '../journal/ledger-journal';
import type { JournalAppender } from '../journal/journal-writer';
import { prepareOrderRequest, floorToStep } from '../order-request';
import { riskEventOf } from './risk-event';
import { SimBroker } from './sim-broker';
import { TradeRecords } from './trade-records';
import type { VenueModel } from './paper-config';

/** Broker events that change only an order, never a balance, a position or a margin. */
const orderLifeKinds: ReadonlySet<BrokerEvent['kind']> = new Set([
  'orderAccepted',
  'orderRejected',
  'orderModified',
  'orderTriggered',
  'orderCanceled',
]);
export const riskEventsKeptMax = 500;
export const equityPointsKeptMax = 2_000;

export interface FundingPoint {
  timeMs: number;
  rate: number;
}
export interface MarkPoint {
  timeMs: number;
  price: number;
}

export interface TradingSessionOptions {
  model: VenueModel;
  /** 1-12 lower-case letters or digits: the prefix of this run's client order ids. */
  runKey: string;
  /** The trading account in the ledger. */
  accountId?: string;
  /** Funding and mark series in time order (optional; without marks the mark is the last price). */
  funding?: readonly FundingPoint[];
  marks?: readonly MarkPoint[];
  journal?: JournalAppender | null;
  /** Told about what should never happen (a fill the ledger refuses): for the log. */
  onInvariantBroken?: (message: string) => void;
  /** Rebuild the feed from full snapshots on every bar (the cheap path's reference, for tests). */
  fullRefreshEveryBar?: boolean;
}

/** What the ledger held at the last full refresh: only the mark moves it until the next event. */
interface LedgerAtRefresh {
  /** Cash + margin, minor units. */
  fixedUnits: bigint;
  /** The symbol's positions as the account view listed them (quantity and basis, minor units). */
  positions: { quantityUnits: bigint; basisUnits: bigint }[];
}

export type TradingListener = (frame: TradingFrame) => void;
export type RiskListener = (event: TradeRiskEvent) => void;

export class TradingSession {
  readonly feed: TradingFeed;
  readonly broker: SimBroker;
  readonly accounting: Accounting;
  readonly symbol: string;
  readonly currency: string;
  readonly accountId: string;
  readonly records = new TradeRecords();
  readonly #options: TradingSessionOptions;
  readonly #riskEvents: TradeRiskEvent[] = [];
  readonly #equity: EquityPoint[] = [];
  #equityStride = 1;
  #barsSeen = 0;
  riskEventCount = 0;
  ledgerRefusals = 0;
  #sequence = 0;
  #fundingIndex = 0;
  #markIndex = 0;
  #timeMs: number | null = null;
  #lastPrice = Number.NaN;
  #markPrice = Number.NaN;
  /** Something other than the price moved since the last full refresh (an event, a command, a mark). */
  #dirty = true;
  #ledgerAtRefresh: LedgerAtRefresh = { fixedUnits: 0n, positions: [] };
  readonly #slotOrders = new Map<OrderSlot, ClientOrderId>();
  readonly #orderSlots = new Map<ClientOrderId, OrderSlot>();
  readonly #requests = new Map<ClientOrderId, OrderRequest>();
  readonly #listeners = new Set<TradingListener>();
  readonly #riskListeners = new Set<RiskListener>();
  // What changed since the last frame.
  #changedOrders = new Map<ClientOrderId, TradeOrder>();
  #newFills: TradeFill[] = [];
  #newRiskEvents: TradeRiskEvent[] = [];

  constructor(options: TradingSessionOptions) {
    this.#options = options;
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
    this.broker.onEvent((event) => this.#onBrokerEvent(event));
    this.#book({
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

  // ---- around the kernel tick ----------------------------------------------------------------

  /** Before the kernel tick at `timeMs` that delivers `bar` (null: a wake-up tick, nothing to do). */
  beforeTick(timeMs: number, bar: Bar | null): void {
    this.#timeMs = timeMs;
    if (bar === null) return;
    this.#feedSeriesUpTo(bar.timeMs);
    this.broker.onBar({ symbol: this.symbol, ...barFields(bar) });
    this.#lastPrice = bar.close;
    if (this.#markIndex === 0) this.#markPrice = bar.close;
    this.#refreshFeed(timeMs);
    this.#recordEquity(timeMs);
  }

  /** After the kernel tick: sends the tick's intents and publishes what changed. */
  afterTick(timeMs: number): void {
    const outbox = this.feed.outbox;
    if (outbox.intentCount > 0 || outbox.riskEventCount > 0) {
      for (let i = 0; i < outbox.riskEventCount; i++) this.#noteRisk(outbox.riskEvents[i] as RiskEvent);
      for (let i = 0; i < outbox.intentCount; i++) this.#route(outbox.intents[i] as OrderIntent, timeMs);
      // The slots and events are the modules' own objects: cleared, never kept.
      outbox.intents.fill(null, 0, outbox.intentCount);
      outbox.riskEvents.fill(null, 0, outbox.riskEventCount);
      outbox.intentCount = 0;
      outbox.riskEventCount = 0;
      this.#refreshFeed(timeMs);
    }
    this.#publishFrame(timeMs);
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
    const clientOrderId = this.#nextClientOrderId();
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
    this.#send(request);
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
    const marks = Number.isNaN(this.#markPrice) ? {} : { [this.symbol]: this.#markPrice };
    const view = accountView(this.accounting, this.accountId, this.currency, marks);
    const venue = this.broker.sim.snapshot();
    const n = minorUnitsToNumber;
    return {
      currency: this.currency,
      deposits: n(view.capitalUnits),
      cash: n(view.cashUnits + view.marginUnits),
      realisedPnl: n(view.realisedUnits),
      fees: n(view.feesUnits),
      fundingPnl: n(view.fundingUnits),
      unrealisedPnl: n(view.unrealisedUnits),
      equity: n(view.equityUnits),
      freeMargin: venue.availableBalance,
      marginRatio: venue.positions.reduce((ratio, p) => Math.max(ratio, p.marginRatio), 0),
    };
  }

  positions(): TradePosition[] {
    return this.broker.sim.snapshot().positions.map((p) => ({
      symbol: p.symbol,
      size: p.quantity,
      entryPrice: p.entryPrice,
      markPrice: p.markPrice,
      unrealisedPnl: p.unrealisedPnl,
      liquidationPrice: p.liquidationPrice,
      leverage: p.leverage,
      marginMode: p.marginMode,
    }));
  }

  riskEvents(): TradeRiskEvent[] {
    return [...this.#riskEvents];
  }

  equityPoints(): EquityPoint[] {
    return [...this.#equity];
  }

  /** One frame per tick with changes (listeners must not throw; they are the hubs' queues). */
  onFrame(listener: TradingListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onRisk(listener: RiskListener): () => void {
    this.#riskListeners.add(listener);
    return () => this.#riskListeners.delete(listener);
  }

  // ---- the order path ------------------------------------------------------------------------

  #route(intent: OrderIntent, timeMs: number): void {
    const working = this.#slotOrders.get(intent.slot);
    if (intent.action === 'cancel') {
      if (working !== undefined) this.broker.cancel(working);
      return;
    }
    if (intent.action === 'modify') {
      if (working === undefined) {
        this.#noteRisk({ atMs: timeMs, source: 'broker', denial: { code: 'ORDER_NOT_WORKING' }, intent });
        return;
      }
      const prepared = prepareOrderRequest(intent, working, this.feed.markets);
      if (!prepared.ok) {
        this.#noteRisk({ atMs: timeMs, source: 'broker', denial: prepared.denial, intent });
        return;
      }
      const { quantity, limitPrice, triggerPrice } = prepared.request;
      this.broker.modify(working, { quantity, limitPrice, triggerPrice });
      return;
    }
    if (this.feed.killSwitch && !intent.reduceOnly) {
      // The kill switch holds at the order boundary too, not only in a patch's kill-switch gate:
      // a patch without one must not open positions again after a kill.
      this.#noteRisk({ atMs: timeMs, source: 'broker', denial: { code: 'KILL_SWITCH_ON' }, intent });
      return;
    }
    const clientOrderId = this.#nextClientOrderId();
    const prepared = prepareOrderRequest(intent, clientOrderId, this.feed.markets);
    if (!prepared.ok) {
      this.#noteRisk({ atMs: timeMs, source: 'broker', denial: prepared.denial, intent });
      return;
    }
    this.#slotOrders.set(intent.slot, clientOrderId);
    this.#orderSlots.set(clientOrderId, intent.slot);
    this.feed.workingSlots.add(intent.slot);
    this.#send(prepared.request);
  }

  #send(request: OrderRequest): void {
    this.#requests.set(request.clientOrderId, request);
    const order = this.records.sent(request, this.#timeMs ?? request.createdAtMs);
    this.#changedOrders.set(order.clientOrderId, order);
    this.#journalOrder(order);
    this.broker.submit(request);
  }

  #nextClientOrderId(): ClientOrderId {
    return makeClientOrderId(this.#options.runKey, this.#sequence++);
  }

  #onBrokerEvent(event: BrokerEvent): void {
    // An order's own life (accepted, re-priced, triggered, cancelled, refused) moves no money:
    // the cheap refresh still gives a full one's figures (trading-session.test.ts checks it).
    // A patch re-pricing its limit every bar made this full refresh most of a paper tick.
    if (!orderLifeKinds.has(event.kind)) this.#dirty = true;
    const { order, fill } = this.records.apply(event, (id) => this.#exitRequest(id));
    if (order) {
      this.#changedOrders.set(order.clientOrderId, order);
      this.#journalOrder(order);
      if (!this.records.isWorking(order.clientOrderId)) this.#releaseSlot(order.clientOrderId);
    }
    if (fill) this.#newFills.push(fill);
    const trading = this.#tradingEventOf(event);
    if (trading) this.#book(trading);
  }

  /** The request of an exit the broker placed for a bracket (its id names the entry). */
  #exitRequest(clientOrderId: string): OrderRequest | null {
    const parsed = parseClientOrderId(clientOrderId);
    if (!parsed || parsed.exit === null) return null;
    const entryId = clientOrderId.slice(0, -1);
    const entry = this.#requests.get(entryId);
    if (!entry) return null;
    // the broker protects what the entry filled, not the whole position (earlier entries have their own exits)
    const quantity = this.records.order(entryId)?.filledQuantity || entry.quantity;
    const request: OrderRequest = {
      ...entry,
      clientOrderId,
      side: entry.side === 'buy' ? 'sell' : 'buy',
      orderType: parsed.exit === 'stopLoss' ? 'stop-market' : 'take-profit',
      quantity,
      limitPrice: null,
      triggerPrice: parsed.exit === 'stopLoss' ? entry.stopLossPrice : entry.takeProfitPrice,
      reduceOnly: true,
      stopLossPrice: null,
      takeProfitPrice: null,
      tag: `${entry.tag} ${parsed.exit === 'stopLoss' ? 'stop-loss' : 'take-profit'}`,
    };
    this.#requests.set(clientOrderId, request);
    return request;
  }

  #releaseSlot(clientOrderId: ClientOrderId): void {
    const slot = this.#orderSlots.get(clientOrderId);
    if (slot === undefined) return;
    this.#orderSlots.delete(clientOrderId);
    if (this.#slotOrders.get(slot) === clientOrderId) {
      this.#slotOrders.delete(slot);
      this.feed.workingSlots.delete(slot);
    }
  }

  #tradingEventOf(event: BrokerEvent): TradingEvent | null {
    const base = { eventId: event.eventId, accountId: this.accountId, atMs: Math.max(0, event.atMs) };
    switch (event.kind) {
      case 'orderFilled':
        return {
          kind: 'fill',
          ...base,
          orderId: event.clientOrderId,
          symbol: event.symbol,
          side: event.side,
          quantity: event.quantity,
          price: event.price,
          fee: event.fee,
          liquidity: event.liquidity,
          reduceOnly: this.#requests.get(event.clientOrderId)?.reduceOnly ?? false,
        };
      case 'fundingPaid':
        return event.amount === 0
          ? null
          : {
              kind: 'funding',
              ...base,
              symbol: event.symbol,
              amount: event.amount,
              rate: event.rate,
              markPrice: event.markPrice,
            };
      case 'positionLiquidated':
        return {
          kind: 'liquidation',
          ...base,
          symbol: event.symbol,
          side: event.size > 0 ? 'sell' : 'buy',
          quantity: Math.abs(event.size),
          price: event.price,
          fee: event.fee,
        };
      default:
        return null;
    }
  }

  #book(event: TradingEvent): void {
    const outcome = this.accounting.book(event);
    if (!outcome.ok) {
      // The venue accepted what the ledger refuses: a rule differs between the two. Counted
      // and told, never hidden; the venue's state stays what the patch sees.
      this.ledgerRefusals++;
      this.#options.onInvariantBroken?.(`ledger refused ${event.kind} ${event.eventId}: ${outcome.code}`);
      return;
    }
    if (outcome.duplicate) return;
    const journal = this.#options.journal;
    if (journal) {
      const appended = journal.append(journalEntriesForBooking(event, outcome));
      if (!appended.ok)
        this.#options.onInvariantBroken?.(`journal refused ${event.eventId}: ${appended.code}`);
    }
  }

  #journalOrder(order: TradeOrder): void {
    const journal = this.#options.journal;
    if (!journal) return;
    journal.append([
      {
        type: 'record',
        recordId: `${order.clientOrderId}:${order.status}:${order.filledQuantity}:${order.updatedAtMs}`,
        kind: 'order',
        atMs: Math.max(0, order.updatedAtMs),
        payload: { ...order, orderId: order.clientOrderId },
      },
    ]);
  }

  #noteRisk(event: RiskEvent): void {
    const record = riskEventOf(event);
    this.#riskEvents.push(record);
    if (this.#riskEvents.length > riskEventsKeptMax) this.#riskEvents.shift();
    this.riskEventCount++;
    this.#newRiskEvents.push(record);
    for (const listener of this.#riskListeners) listener(record);
  }

  // ---- market series and the feed ----------------------------------------------------------

  /** Funding and marks at or before `timeMs` (the open of the bar about to be walked) go first. */
  #feedSeriesUpTo(timeMs: number): void {
    const funding = this.#options.funding ?? [];
    const marks = this.#options.marks ?? [];
    for (;;) {
      const nextFunding = this.#fundingIndex < funding.length ? funding[this.#fundingIndex] : null;
      const nextMark = this.#markIndex < marks.length ? marks[this.#markIndex] : null;
      const fundingDue = nextFunding !== null && nextFunding.timeMs <= timeMs;
      const markDue = nextMark !== null && nextMark.timeMs <= timeMs;
      if (!fundingDue && !markDue) return;
      // At equal times the mark goes first: funding is paid at the mark of its moment.
      if (markDue && (!fundingDue || nextMark.timeMs <= nextFunding.timeMs)) {
        this.#dirty = true;
        this.broker.onMark(this.symbol, nextMark.timeMs, nextMark.price);
        this.#markPrice = nextMark.price;
        this.#markIndex++;
      } else if (nextFunding) {
        this.#dirty = true;
        this.broker.onFunding(this.symbol, nextFunding.timeMs, nextFunding.rate);
        this.#fundingIndex++;
      }
    }
  }

  /**
   * The feed the patch reads: in full (a venue snapshot and the ledger's account view) after
   * anything but a price move; otherwise only what a price moves (see #refreshPrices).
   */
  #refreshFeed(timeMs: number): void {
    const feed = this.feed;
    const market = feed.markets.get(this.symbol);
    if (market) {
      market.lastPrice = this.#lastPrice;
      market.markPrice = this.#markPrice;
      if (!Number.isNaN(timeMs)) market.dataAtMs = timeMs;
    }
    if (this.#dirty || this.#options.fullRefreshEveryBar === true) this.#refreshFull(timeMs);
    else this.#refreshPrices(timeMs);
    feed.version++;
  }

  #refreshFull(timeMs: number): void {
    const feed = this.feed;
    const snapshot = this.broker.sim.snapshot();
    const marks = Number.isNaN(this.#markPrice) ? {} : { [this.symbol]: this.#markPrice };
    const view = accountView(this.accounting, this.accountId, this.currency, marks);
    this.#ledgerAtRefresh = {
      fixedUnits: view.cashUnits + view.marginUnits,
      positions: view.positions
        .filter((p) => p.symbol === this.symbol)
        .map((p) => ({ quantityUnits: p.quantityUnits, basisUnits: p.basisUnits })),
    };
    this.#dirty = false;
    let initialMargin = 0;
    let maintenanceMargin = 0;
    for (const p of snapshot.positions) {
      initialMargin += p.initialMargin;
      maintenanceMargin += p.maintenanceMargin;
    }
    const equity = minorUnitsToNumber(view.equityUnits);
    Object.assign(feed.account, {
      equity,
      walletBalance: minorUnitsToNumber(view.cashUnits + view.marginUnits),
      unrealisedPnl: minorUnitsToNumber(view.unrealisedUnits),
      freeMargin: snapshot.availableBalance,
      initialMargin,
      maintenanceMargin,
      marginRatio: equity > 0 ? maintenanceMargin / equity : 0,
      updatedAtMs: timeMs,
    });
    const open = new Set<string>();
    for (const p of snapshot.positions) {
      open.add(p.symbol);
      const position = positionFor(feed, p.symbol);
      position.size = p.quantity;
      position.entryPrice = p.entryPrice;
      position.markPrice = p.markPrice;
      position.unrealisedPnl = p.unrealisedPnl;
      position.liquidationPrice = p.liquidationPrice ?? Number.NaN;
      position.updatedAtMs = timeMs;
    }
    for (const [symbol, position] of feed.positions) {
      if (open.has(symbol)) continue;
      this.#flatPosition(position, timeMs);
    }
  }

  /**
   * Only the price moved since the last full refresh (no fill, funding, mark, order or command):
   * sizes, entries, the wallet, the ledger's basis and the liquidation price (which depends on
   * the wallet and the position, not the mark) are as they were. The mark-dependent figures are
   * recomputed with the same formulas the full refresh uses, so both give the same numbers
   * (trading-session.test.ts checks it bar by bar), without building snapshots.
   */
  #refreshPrices(timeMs: number): void {
    const feed = this.feed;
    const sim = this.broker.sim;
    let unrealisedUnits = 0n;
    if (!Number.isNaN(this.#markPrice)) {
      for (const p of this.#ledgerAtRefresh.positions) {
        unrealisedUnits += notionalMinorUnits(p.quantityUnits, this.#markPrice) - p.basisUnits;
      }
    }
    let initialMargin = 0;
    let maintenanceMargin = 0;
    for (const market of sim.markets.values()) {
      const venuePosition = market.position;
      if (venuePosition.lots === 0) continue;
      initialMargin += sim.account.initialMargin(venuePosition);
      maintenanceMargin += sim.account.maintenanceMargin(venuePosition);
      const position = positionFor(feed, venuePosition.symbol);
      position.markPrice = venuePosition.markPrice;
      position.unrealisedPnl = sim.account.unrealisedPnl(venuePosition);
      position.updatedAtMs = timeMs;
    }
    const equity = minorUnitsToNumber(this.#ledgerAtRefresh.fixedUnits + unrealisedUnits);
    const account = feed.account;
    account.equity = equity;
    account.unrealisedPnl = minorUnitsToNumber(unrealisedUnits);
    account.freeMargin = sim.availableBalance();
    account.initialMargin = initialMargin;
    account.maintenanceMargin = maintenanceMargin;
    account.marginRatio = equity > 0 ? maintenanceMargin / equity : 0;
    account.updatedAtMs = timeMs;
    for (const position of feed.positions.values()) {
      if (position.size === 0) this.#flatPosition(position, timeMs);
    }
  }

  #flatPosition(position: ReturnType<typeof positionFor>, timeMs: number): void {
    position.size = 0;
    position.entryPrice = Number.NaN;
    position.unrealisedPnl = 0;
    position.liquidationPrice = Number.NaN;
    position.markPrice = this.#markPrice;
    position.updatedAtMs = timeMs;
  }

  /** One equity point per bar; past the cap, every other point is dropped and the stride doubles. */
  #recordEquity(timeMs: number): void {
    this.#barsSeen++;
    if (this.#barsSeen % this.#equityStride !== 0) return;
    this.#equity.push({ timeMs, equity: this.feed.account.equity });
    if (this.#equity.length >= equityPointsKeptMax) {
      let kept = 0;
      for (let i = 0; i < this.#equity.length; i += 2) this.#equity[kept++] = this.#equity[i];
      this.#equity.length = kept;
      this.#equityStride *= 2;
    }
  }

  #afterCommand(): void {
    this.#dirty = true;
    this.#refreshFeed(this.#timeMs ?? Number.NaN);
    this.#publishFrame(this.#timeMs ?? 0);
  }

  #publishFrame(timeMs: number): void {
    const changed =
      this.#changedOrders.size > 0 || this.#newFills.length > 0 || this.#newRiskEvents.length > 0;
    const barArrived = this.#equity.length > 0 && this.#equity[this.#equity.length - 1].timeMs === timeMs;
    if (!changed && !barArrived) return;
    if (this.#listeners.size > 0) {
      const frame: TradingFrame = {
        kind: 'frame',
        patchName: '',
        timeMs,
        account: this.account(),
        positions: this.positions(),
        orders: [...this.#changedOrders.values()].map((o) => ({ ...o })),
        fills: this.#newFills,
        riskEvents: this.#newRiskEvents,
        equity: barArrived ? this.#equity[this.#equity.length - 1] : null,
        killSwitch: this.feed.killSwitch,
      };
      for (const listener of this.#listeners) listener(frame);
    }
    this.#changedOrders = new Map();
    this.#newFills = [];
    this.#newRiskEvents = [];
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
