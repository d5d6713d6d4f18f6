// The simulated perpetual-futures venue a broker calls: commands (submit, cancel, modify,
// leverage, margin mode) answer at once with an outcome; inputs (bars, marks, funding) advance
// the venue. Both push past-tense events into the caller's array. Pure and deterministic: no
// clock, no I/O, no randomness; the same calls give the same events. Conventions: README.md.
import { MarginAccount } from './account';
import type { BookSnapshot } from './book-walk';
import type { FillModel } from './fill-model';
import type { MarketSpec } from './market-spec';
import { checkOrderShape, isRefusal, triggersOnRise, type RoundedOrder } from './order-request';
import { checkBar, checkBook } from './input-checks';
import { admitChanges, admitOrder, openingMargin, type AdmissionContext } from './order-admission';
import { VenueEngine } from './venue-engine';
import { MarketState, type WorkingOrder } from './venue-state';
import type {
  CommandOutcome,
  MarginMode,
  OrderChanges,
  OrderRequest,
  Refusal,
  SubmitOutcome,
  TriggerPriceType,
  VenueBar,
  VenueEvent,
} from './types';
import { snapshotAccount, snapshotOrder, type AccountSnapshot, type OrderSnapshot } from './snapshots';

export interface SimVenueConfig {
  markets: readonly MarketSpec[];
  /** Starting wallet in quote minor units (money.ts: 1e-8 USDT). */
  initialWalletMinor: bigint;
  fillModel?: Partial<FillModel>;
  /** Trigger price of stops and take-profits that do not say. Default 'last' (Binance's CONTRACT_PRICE). */
  defaultTriggerPriceType?: TriggerPriceType;
  /**
   * Liquidation fee rate on the closed notional at the bankruptcy price; it comes out of the
   * position's margin (see margin.ts bankruptcyPrice). Default 0.003, the rate the old Binance
   * FAQ gave for BTCUSDT (0.5% for other symbols; reported, not verified).
   */
  liquidationFeeRate?: number;
  /** Default 10. */
  defaultLeverage?: number;
  /** Default 'cross'. */
  defaultMarginMode?: MarginMode;
  /** Bound on open orders across all symbols. Default 100,000. */
  maxOpenOrders?: number;
  /** Venue order ids are `${prefix}${n}`. Default 'sim-'. */
  orderIdPrefix?: string;
  /** Venue time before the first input. Default 0. */
  startTimeMs?: number;
}

export class SimVenue extends VenueEngine {
  private readonly defaultTriggerPriceType: TriggerPriceType;
  private readonly maxOpenOrders: number;
  private readonly orderIdPrefix: string;
  private orderCount = 0;
  private readonly admission: AdmissionContext;

  constructor(config: SimVenueConfig) {
    const leverage = config.defaultLeverage ?? 10;
    const marginMode = config.defaultMarginMode ?? 'cross';
    const markets = new Map<string, MarketState>();
    for (const spec of config.markets) {
      if (spec.tiers.length === 0) throw new Error(`sim venue: ${spec.symbol} has no leverage tiers`);
      markets.set(spec.symbol, new MarketState(spec, leverage, marginMode));
    }
    const account = new MarginAccount(config.initialWalletMinor);
    for (const market of markets.values()) account.positions.set(market.spec.symbol, market.position);
    super(
      markets,
      account,
      {
        fillModel: {
          slippageBps: config.fillModel?.slippageBps ?? 0,
          participationCap: config.fillModel?.participationCap ?? Number.POSITIVE_INFINITY,
        },
        liquidationFeeRate: config.liquidationFeeRate ?? 0.003,
      },
      config.startTimeMs ?? 0,
    );
    this.defaultTriggerPriceType = config.defaultTriggerPriceType ?? 'last';
    this.maxOpenOrders = config.maxOpenOrders ?? 100_000;
    this.orderIdPrefix = config.orderIdPrefix ?? 'sim-';
    this.admission = {
      isClientOrderIdOpen: (clientOrderId) => this.openByClientOrderId.has(clientOrderId),
      openOrderCount: () => this.orders.size,
      maxOpenOrders: this.maxOpenOrders,
      availableBalance: () => this.availableBalance(),
    };
  }

  // ---- commands --------------------------------------------------------------------------

  submit(request: OrderRequest, out: VenueEvent[] = []): SubmitOutcome {
    this.out = out;
    const shapeRefusal = checkOrderShape(request);
    const market = shapeRefusal ? undefined : this.markets.get(request.symbol);
    const refusal =
      shapeRefusal ??
      (market ? null : ({ code: 'UNKNOWN_SYMBOL', symbol: String(request.symbol) } as Refusal)) ??
      admitOrder(request, market!, this.defaultTriggerPriceType, this.admission);
    if (isRefusal(refusal)) {
      const clientOrderId = typeof request?.clientOrderId === 'string' ? request.clientOrderId : '';
      const symbol = typeof request?.symbol === 'string' ? request.symbol : '';
      this.emit({ kind: 'orderRejected', symbol, clientOrderId, refusal });
      return { accepted: false, refusal };
    }
    const order = this.accept(refusal, market!);
    return { accepted: true, orderId: order.id };
  }

  cancel(orderId: string, out: VenueEvent[] = []): CommandOutcome {
    this.out = out;
    const order = this.orders.get(orderId);
    if (!order) return { ok: false, refusal: { code: 'ORDER_NOT_FOUND', orderId: String(orderId) } };
    this.cancelOrder(order, 'REQUESTED');
    return { ok: true };
  }

  /** The venue order id of an open order with this client order id, if any. */
  orderIdOf(clientOrderId: string): string | undefined {
    return this.openByClientOrderId.get(clientOrderId)?.id;
  }

  /**
   * Changes a resting limit or a waiting stop/take-profit. A new price, a new trigger or a
   * larger quantity sends it to the back of its queue; a smaller quantity keeps its place.
   */
  modify(orderId: string, changes: OrderChanges, out: VenueEvent[] = []): CommandOutcome {
    this.out = out;
    const order = this.orders.get(orderId);
    if (!order) return { ok: false, refusal: { code: 'ORDER_NOT_FOUND', orderId: String(orderId) } };
    if (order.stage !== 'book' && order.stage !== 'trigger')
      return {
        ok: false,
        refusal: { code: 'NOT_MODIFIABLE', orderId, reason: 'only resting or untriggered orders' },
      };
    const market = order.market;
    const grid = market.grid;
    const admitted = admitChanges(order, changes, this.admission);
    if (isRefusal(admitted)) return { ok: false, refusal: admitted };
    const { lots, limitTicks, triggerTicks, reserve } = admitted;
    // Object.is, so that a missing (NaN) price counts as unchanged.
    const losesPriority =
      !Object.is(limitTicks, order.limitTicks) ||
      !Object.is(triggerTicks, order.triggerTicks) ||
      lots > order.lots;
    if (losesPriority) {
      if (order.stage === 'book') (order.buy ? market.bids : market.asks).remove(order);
      else market.triggerLadder(order, triggersOnRise(order.type, order.buy)).remove(order);
    }
    order.lots = lots;
    order.limitTicks = limitTicks;
    order.triggerTicks = triggerTicks;
    this.holdReserve(order, reserve);
    if (losesPriority) this.place(order);
    this.emit({
      kind: 'orderModified',
      symbol: market.spec.symbol,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      quantity: grid.quantity(lots),
      price: Number.isNaN(limitTicks) ? null : grid.price(limitTicks),
      triggerPrice: Number.isNaN(triggerTicks) ? null : grid.price(triggerTicks),
      priorityKept: !losesPriority,
    });
    return { ok: true };
  }

  /** Leverage per symbol, 1 .. the first tier's maximum; only with no position and no open orders. */
  setLeverage(symbol: string, leverage: number): CommandOutcome {
    const market = this.markets.get(symbol);
    if (!market) return { ok: false, refusal: { code: 'UNKNOWN_SYMBOL', symbol: String(symbol) } };
    const maxLeverage = market.spec.tiers[0].maxLeverage;
    if (!(Number.isFinite(leverage) && leverage >= 1 && leverage <= maxLeverage))
      return { ok: false, refusal: { code: 'INVALID_LEVERAGE', leverage, maxLeverage } };
    if (market.position.lots !== 0 || market.openOrders > 0)
      return { ok: false, refusal: { code: 'POSITION_OR_ORDERS_OPEN', symbol } };
    market.position.leverage = leverage;
    return { ok: true };
  }

  setMarginMode(symbol: string, mode: MarginMode): CommandOutcome {
    const market = this.markets.get(symbol);
    if (!market) return { ok: false, refusal: { code: 'UNKNOWN_SYMBOL', symbol: String(symbol) } };
    if (mode !== 'isolated' && mode !== 'cross')
      return {
        ok: false,
        refusal: { code: 'INVALID_REQUEST', field: 'marginMode', message: "must be 'isolated' or 'cross'" },
      };
    if (market.position.lots !== 0 || market.openOrders > 0)
      return { ok: false, refusal: { code: 'POSITION_OR_ORDERS_OPEN', symbol } };
    market.position.marginMode = mode;
    return { ok: true };
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** A finished bar (timeMs = its open time). Orders submitted after this call first meet the next bar. */
  onBar(bar: VenueBar, out: VenueEvent[] = []): VenueEvent[] {
    this.out = out;
    const market = this.markets.get(bar.symbol);
    if (!market) throw new Error(`sim venue: bar for unknown symbol ${bar.symbol}`);
    checkBar(bar);
    if (bar.timeMs <= market.lastBarTimeMs)
      throw new Error(
        `sim venue: ${bar.symbol} bar at ${bar.timeMs} is not after the last (${market.lastBarTimeMs})`,
      );
    this.advanceTo(bar.timeMs, 'bar');
    market.lastBarTimeMs = bar.timeMs;
    this.runBar(market, bar);
    return out;
  }

  /**
   * An order-book snapshot (ccxt shape: [price, amount] pairs, best first): queued market, IOC
   * and FOK orders walk its depth instead of waiting for the next bar's open. The mid becomes
   * the reference price for new orders.
   */
  onBook(book: BookSnapshot, out: VenueEvent[] = []): VenueEvent[] {
    this.out = out;
    const market = this.markets.get(book.symbol);
    if (!market) throw new Error(`sim venue: book for unknown symbol ${book.symbol}`);
    checkBook(book);
    this.advanceTo(book.timeMs, 'book');
    this.runBook(market, book);
    return out;
  }

  /** A point of the mark series: from now on this symbol's mark moves only with marks. */
  onMark(symbol: string, timeMs: number, price: number, out: VenueEvent[] = []): VenueEvent[] {
    this.out = out;
    const market = this.markets.get(symbol);
    if (!market) throw new Error(`sim venue: mark for unknown symbol ${symbol}`);
    if (!(Number.isFinite(price) && price > 0))
      throw new Error(`sim venue: ${symbol} mark ${price} is not a price`);
    this.advanceTo(timeMs, 'mark');
    market.markFromSeries = true;
    this.moveMark(market, price);
    return out;
  }

  /** A funding event: paid by the position held now (just before timeMs), at the current mark. */
  onFunding(symbol: string, timeMs: number, rate: number, out: VenueEvent[] = []): VenueEvent[] {
    this.out = out;
    const market = this.markets.get(symbol);
    if (!market) throw new Error(`sim venue: funding for unknown symbol ${symbol}`);
    if (!Number.isFinite(rate)) throw new Error(`sim venue: ${symbol} funding rate ${rate} is not a number`);
    this.advanceTo(timeMs, 'funding');
    this.payFunding(market, rate);
    return out;
  }

  // ---- views -----------------------------------------------------------------------------

  snapshot(): AccountSnapshot {
    return snapshotAccount(this.account, this.markets, this.availableBalance());
  }

  openOrders(symbol?: string): OrderSnapshot[] {
    const all = [...this.orders.values()].filter(
      (o) => symbol === undefined || o.market.spec.symbol === symbol,
    );
    return all.map(snapshotOrder);
  }

  /** Cross wallet + cross uPnL - cross initial margin - margin held by open orders. */
  availableBalance(): number {
    const cross = this.account.crossTotals();
    let reserved = 0;
    for (const market of this.markets.values()) reserved += Math.max(market.reservedBuy, market.reservedSell);
    return cross.marginBalance - cross.initialMargin - reserved;
  }

  private accept(rounded: RoundedOrder, market: MarketState): WorkingOrder {
    const id = `${this.orderIdPrefix}${++this.orderCount}`;
    const reference = market.referenceTicks();
    const marketable =
      rounded.type === 'market' ||
      (rounded.type === 'limit' &&
        (rounded.buy ? rounded.limitTicks >= reference : rounded.limitTicks <= reference));
    const order: WorkingOrder = {
      id,
      clientOrderId: rounded.clientOrderId,
      market,
      buy: rounded.buy,
      type: rounded.type,
      originalType: rounded.type,
      timeInForce: rounded.timeInForce,
      postOnly: rounded.postOnly,
      reduceOnly: rounded.reduceOnly,
      lots: rounded.lots,
      filledLots: 0,
      limitTicks: rounded.limitTicks,
      triggerTicks: rounded.triggerTicks,
      triggerPriceType: rounded.triggerPriceType,
      liquidity: marketable ? 'taker' : 'maker',
      stage: 'arrival',
      marginReserve: 0,
      ladderPrev: null,
      ladderNext: null,
      ladderLevel: null,
    };
    this.holdReserve(
      order,
      openingMargin(market, order.buy, order.lots, order.reduceOnly, order.limitTicks, order.triggerTicks),
    );
    this.orders.set(id, order);
    this.openByClientOrderId.set(order.clientOrderId, order);
    market.openOrders++;
    const grid = market.grid;
    this.emit({
      kind: 'orderAccepted',
      symbol: market.spec.symbol,
      orderId: id,
      clientOrderId: order.clientOrderId,
      side: order.buy ? 'buy' : 'sell',
      type: order.type,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      reduceOnly: order.reduceOnly,
      quantity: grid.quantity(order.lots),
      requestedQuantity: rounded.requestedQuantity,
      price: Number.isNaN(order.limitTicks) ? null : grid.price(order.limitTicks),
      triggerPrice: Number.isNaN(order.triggerTicks) ? null : grid.price(order.triggerTicks),
      triggerPriceType: order.triggerPriceType,
    });
    this.place(order);
    return order;
  }
}
