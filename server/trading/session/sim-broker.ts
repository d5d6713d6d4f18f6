// The broker over the simulated venue: what paper runs and backtests trade through. Commands
// run at once (the venue is pure and synchronous) and every event they cause reaches the
// listeners before the command returns, so a run that sends an order after a tick knows its
// fate before the next tick: the same inputs give the same events in the same order.
//
// It also does what a venue's "attached TP/SL" does for a bracket: when an entry with stop-loss
// or take-profit prices is done (filled, or cancelled after a partial fill), it places
// reduce-only exits for the filled quantity, and when one exit fills completely it cancels the
// other (one-cancels-other).
import type { SimVenue } from '../../venues/sim/sim-venue';
import type { OrderChanges as SimOrderChanges, Refusal, VenueBar, VenueEvent } from '../../venues/sim/types';
import type {
  BalanceSnapshot,
  Broker,
  BrokerEvent,
  ClientOrderId,
  OrderAck,
  OrderChanges,
  OrderRequest,
  OrderSnapshot,
  PositionSnapshot,
} from '../broker';
import { exitClientOrderId } from '../client-order-id';
import { brokerEventOf, brokerRefusal, simOrderRequest } from './sim-event-map';

type Listener = (event: BrokerEvent) => void;

interface BracketEntry {
  request: OrderRequest;
  filledQuantity: number;
}

export class SimBroker implements Broker {
  readonly venue = 'sim';
  readonly #sim: SimVenue;
  readonly #eventIdPrefix: string;
  readonly #listeners = new Set<Listener>();
  /** Entries with attached exits, until their exits are placed. */
  readonly #brackets = new Map<ClientOrderId, BracketEntry>();
  /** Each exit's one-cancels-other sibling. */
  readonly #siblings = new Map<ClientOrderId, ClientOrderId>();
  /** Follow-up commands found while publishing events (placed after, never reentrant). */
  readonly #followUps: (() => void)[] = [];
  #publishing = false;
  #clockMs = 0;

  readonly #currency: string;

  /** `currency`: the settle currency of the venue's markets (one per sim venue), default USDT. */
  constructor(sim: SimVenue, options: { eventIdPrefix?: string; currency?: string } = {}) {
    this.#sim = sim;
    this.#eventIdPrefix = options.eventIdPrefix ?? 'sim:';
    this.#currency = options.currency ?? 'USDT';
  }

  /** The venue itself, for its account snapshot (read-only use). */
  get sim(): SimVenue {
    return this.#sim;
  }

  // ---- commands, answered at once ----------------------------------------------------------

  submit(request: OrderRequest): OrderAck {
    const out: VenueEvent[] = [];
    const outcome = this.#sim.submit(simOrderRequest(request), out);
    if (outcome.accepted && (request.stopLossPrice !== null || request.takeProfitPrice !== null)) {
      this.#brackets.set(request.clientOrderId, { request, filledQuantity: 0 });
    }
    this.#publish(out);
    return outcome.accepted
      ? { accepted: true, clientOrderId: request.clientOrderId, venueOrderId: outcome.orderId }
      : { accepted: false, clientOrderId: request.clientOrderId, refusal: brokerRefusal(outcome.refusal) };
  }

  modify(clientOrderId: ClientOrderId, changes: OrderChanges): OrderAck {
    const orderId = this.#sim.orderIdOf(clientOrderId);
    if (orderId === undefined) return notFound(clientOrderId);
    return commandAck(clientOrderId, orderId, this.#modify(orderId, changes));
  }

  /**
   * `modify` for a caller that reads no ack (the order boundary: a refused change leaves the
   * order as it was, and the patch sees it): skips wording a refusal nobody reads, which a
   * patch re-pricing every bar made a visible part of the paper tick. Whether it applied.
   */
  amend(clientOrderId: ClientOrderId, changes: OrderChanges): boolean {
    const orderId = this.#sim.orderIdOf(clientOrderId);
    return orderId !== undefined && this.#modify(orderId, changes).ok;
  }

  #modify(orderId: string, changes: OrderChanges): { ok: true } | { ok: false; refusal: Refusal } {
    const out: VenueEvent[] = [];
    // Set field by field (not spread): a patch re-pricing every bar makes this a hot path.
    const simChanges: SimOrderChanges = {};
    if (changes.quantity !== null) simChanges.quantity = changes.quantity;
    if (changes.limitPrice !== null) simChanges.price = changes.limitPrice;
    if (changes.triggerPrice !== null) simChanges.triggerPrice = changes.triggerPrice;
    const outcome = this.#sim.modify(orderId, simChanges, out);
    this.#publish(out);
    return outcome;
  }

  cancel(clientOrderId: ClientOrderId): OrderAck {
    const orderId = this.#sim.orderIdOf(clientOrderId);
    if (orderId === undefined) return notFound(clientOrderId);
    const out: VenueEvent[] = [];
    const outcome = this.#sim.cancel(orderId, out);
    this.#publish(out);
    return commandAck(clientOrderId, orderId, outcome);
  }

  // ---- market inputs (sim only) ------------------------------------------------------------

  /** A finished bar: resting orders meet its path; orders sent after this meet the next bar. */
  onBar(bar: VenueBar): void {
    this.#clockMs = bar.timeMs;
    this.#publish(this.#sim.onBar(bar));
  }

  onMark(symbol: string, timeMs: number, price: number): void {
    this.#clockMs = timeMs;
    this.#publish(this.#sim.onMark(symbol, timeMs, price));
  }

  onFunding(symbol: string, timeMs: number, rate: number): void {
    this.#clockMs = timeMs;
    this.#publish(this.#sim.onFunding(symbol, timeMs, rate));
  }

  // ---- the Broker interface ----------------------------------------------------------------

  submitOrder(request: OrderRequest): Promise<OrderAck> {
    return Promise.resolve(this.submit(request));
  }

  modifyOrder(clientOrderId: ClientOrderId, _symbol: string, changes: OrderChanges): Promise<OrderAck> {
    return Promise.resolve(this.modify(clientOrderId, changes));
  }

  cancelOrder(clientOrderId: ClientOrderId): Promise<OrderAck> {
    return Promise.resolve(this.cancel(clientOrderId));
  }

  fetchOpenOrders(symbol?: string): Promise<OrderSnapshot[]> {
    return Promise.resolve(this.openOrders(symbol));
  }

  fetchPositions(symbols?: readonly string[]): Promise<PositionSnapshot[]> {
    return Promise.resolve(this.positions(symbols));
  }

  fetchBalances(): Promise<BalanceSnapshot[]> {
    return Promise.resolve(this.balances());
  }

  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }

  // ---- views -------------------------------------------------------------------------------

  openOrders(symbol?: string): OrderSnapshot[] {
    return this.#sim.openOrders(symbol).map((order) => ({
      clientOrderId: order.clientOrderId,
      venueOrderId: order.orderId,
      symbol: order.symbol,
      side: order.side,
      orderType: brokerOrderType(order.type),
      status: order.filledQuantity > 0 ? 'partiallyFilled' : 'open',
      quantity: order.quantity,
      filledQuantity: order.filledQuantity,
      limitPrice: order.price,
      triggerPrice: order.triggerPrice,
      reduceOnly: order.reduceOnly,
      updatedAtMs: this.#clockMs,
    }));
  }

  positions(symbols?: readonly string[]): PositionSnapshot[] {
    return this.#sim
      .snapshot()
      .positions.filter((p) => symbols === undefined || symbols.includes(p.symbol))
      .map((p) => ({
        symbol: p.symbol,
        size: p.quantity,
        entryPrice: p.entryPrice,
        markPrice: p.markPrice,
        unrealisedPnl: p.unrealisedPnl,
        liquidationPrice: p.liquidationPrice,
        leverage: p.leverage,
        marginMode: p.marginMode,
        updatedAtMs: this.#clockMs,
      }));
  }

  balances(): BalanceSnapshot[] {
    const account = this.#sim.snapshot();
    const currency = this.#currency;
    const free = account.availableBalance;
    return [
      {
        currency,
        walletBalance: account.wallet,
        free,
        used: account.crossMarginBalance - free,
        updatedAtMs: this.#clockMs,
      },
    ];
  }

  // ---- event delivery ----------------------------------------------------------------------

  #publish(events: readonly VenueEvent[]): void {
    for (const venueEvent of events) {
      const event = brokerEventOf(venueEvent, this.#eventIdPrefix);
      if (event === null) continue;
      this.#noteBrackets(event);
      for (const listener of this.#listeners) listener(event);
    }
    if (this.#publishing) return;
    // Exits and OCO cancels run after the events that caused them were delivered.
    this.#publishing = true;
    try {
      for (let next = this.#followUps.shift(); next; next = this.#followUps.shift()) next();
    } finally {
      this.#publishing = false;
    }
  }

  #noteBrackets(event: BrokerEvent): void {
    if (event.kind === 'orderFilled') {
      const entry = this.#brackets.get(event.clientOrderId);
      if (entry) {
        entry.filledQuantity += event.quantity;
        if (event.remainingQuantity === 0) this.#followUps.push(() => this.#placeExits(event.clientOrderId));
      }
      const sibling = this.#siblings.get(event.clientOrderId);
      if (sibling !== undefined && event.remainingQuantity === 0) {
        this.#siblings.delete(event.clientOrderId);
        this.#siblings.delete(sibling);
        this.#followUps.push(() => void this.cancel(sibling));
      }
    } else if (event.kind === 'orderCanceled' || event.kind === 'orderRejected') {
      if (this.#brackets.has(event.clientOrderId))
        this.#followUps.push(() => this.#placeExits(event.clientOrderId));
      const sibling = this.#siblings.get(event.clientOrderId);
      if (sibling !== undefined) {
        this.#siblings.delete(event.clientOrderId);
        this.#siblings.delete(sibling);
      }
    }
  }

  /** Reduce-only exits for what the entry filled (nothing when it filled nothing). */
  #placeExits(entryId: ClientOrderId): void {
    const entry = this.#brackets.get(entryId);
    if (!entry) return;
    this.#brackets.delete(entryId);
    if (entry.filledQuantity <= 0) return;
    const { request } = entry;
    const exitSide = request.side === 'buy' ? 'sell' : 'buy';
    const exit = (kind: 'stopLoss' | 'takeProfit', triggerPrice: number): OrderRequest => ({
      ...request,
      clientOrderId: exitClientOrderId(entryId, kind),
      side: exitSide,
      orderType: kind === 'stopLoss' ? 'stop-market' : 'take-profit',
      quantity: entry.filledQuantity,
      limitPrice: null,
      triggerPrice,
      timeInForce: 'GTC',
      reduceOnly: true,
      stopLossPrice: null,
      takeProfitPrice: null,
      tag: `${request.tag} ${kind === 'stopLoss' ? 'stop-loss' : 'take-profit'}`,
    });
    const placed: ClientOrderId[] = [];
    if (request.stopLossPrice !== null) {
      const ack = this.submit(exit('stopLoss', request.stopLossPrice));
      if (ack.accepted) placed.push(ack.clientOrderId);
    }
    if (request.takeProfitPrice !== null) {
      const ack = this.submit(exit('takeProfit', request.takeProfitPrice));
      if (ack.accepted) placed.push(ack.clientOrderId);
    }
    if (placed.length === 2) {
      this.#siblings.set(placed[0], placed[1]);
      this.#siblings.set(placed[1], placed[0]);
    }
  }
}

function notFound(clientOrderId: ClientOrderId): OrderAck {
  return {
    accepted: false,
    clientOrderId,
    refusal: { code: 'ORDER_NOT_FOUND', message: `no working order ${clientOrderId}` },
  };
}

function commandAck(
  clientOrderId: ClientOrderId,
  venueOrderId: string,
  outcome: { ok: true } | { ok: false; refusal: Refusal },
): OrderAck {
  return outcome.ok
    ? { accepted: true, clientOrderId, venueOrderId }
    : { accepted: false, clientOrderId, refusal: brokerRefusal(outcome.refusal) };
}

function brokerOrderType(type: string): OrderRequest['orderType'] {
  switch (type) {
    case 'limit':
      return 'limit';
    case 'stopMarket':
      return 'stop-market';
    case 'stopLimit':
      return 'stop-limit';
    case 'takeProfitMarket':
    case 'takeProfitLimit':
      return 'take-profit';
    default:
      return 'market';
  }
}
