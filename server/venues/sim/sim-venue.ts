// The simulated perpetual-futures venue a broker calls: commands (submit, cancel, modify,
// leverage, margin mode) answer at once with an outcome; inputs (bars, marks, funding) advance
// the venue. Both push past-tense events into the caller's array. Pure and deterministic: no
// clock, no I/O, no randomness; the same calls give the same events. Conventions: README.md.
import { MarginAccount } from './account';
import type { BookSnapshot } from './book-walk';
import type { FillModel } from './fill-model';
import { tierForNotional } from './leverage-tiers';
import type { MarketSpec } from './market-spec';
import {
  checkOrderShape,
  hasLimitPrice,
  hasTrigger,
  isRefusal,
  roundOrderRequest,
  triggersOnRise,
  type RoundedOrder,
} from './order-request';
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
  }

  // ---- commands --------------------------------------------------------------------------

  submit(request: OrderRequest, out: VenueEvent[] = []): SubmitOutcome {
    this.out = out;
    const shapeRefusal = checkOrderShape(request);
    const market = shapeRefusal ? undefined : this.markets.get(request.symbol);
    const refusal =
      shapeRefusal ??
      (market ? null : ({ code: 'UNKNOWN_SYMBOL', symbol: String(request.symbol) } as Refusal)) ??
      this.admit(request, market!);
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
    const lots = changes.quantity === undefined ? order.lots : grid.lots(changes.quantity);
    if (changes.quantity !== undefined && !(Number.isFinite(changes.quantity) && changes.quantity > 0))
      return { ok: false, refusal: { code: 'INVALID_QUANTITY', quantity: changes.quantity } };
    if (lots <= order.filledLots)
      return {
        ok: false,
        refusal: {
          code: 'QUANTITY_BELOW_FILLED',
          quantity: grid.quantity(lots),
          filledQuantity: grid.quantity(order.filledLots),
        },
      };
    let limitTicks = order.limitTicks;
    if (changes.price !== undefined) {
      if (!hasLimitPrice(order.type) || !(Number.isFinite(changes.price) && changes.price > 0))
        return { ok: false, refusal: { code: 'INVALID_PRICE', field: 'price', value: changes.price } };
      limitTicks = grid.ticks(changes.price, order.buy ? 'down' : 'up');
    }
    let triggerTicks = order.triggerTicks;
    if (changes.triggerPrice !== undefined) {
      if (!hasTrigger(order.type) || !(Number.isFinite(changes.triggerPrice) && changes.triggerPrice > 0))
        return {
          ok: false,
          refusal: { code: 'INVALID_PRICE', field: 'triggerPrice', value: changes.triggerPrice },
        };
      triggerTicks = grid.ticks(changes.triggerPrice, 'nearest');
    }
    const reference = market.referenceTicks();
    if (order.postOnly && (order.buy ? limitTicks >= reference : limitTicks <= reference))
      return {
        ok: false,
        refusal: {
          code: 'POST_ONLY_WOULD_TAKE',
          price: grid.price(limitTicks),
          referencePrice: grid.price(reference),
        },
      };
    if (order.stage === 'trigger') {
      const refusal = this.triggerRefusal(
        market,
        order.triggerPriceType!,
        triggersOnRise(order.type, order.buy),
        triggerTicks,
      );
      if (refusal) return { ok: false, refusal };
    }
    const reserve = this.openingMargin(
      market,
      order.buy,
      lots - order.filledLots,
      order.reduceOnly,
      limitTicks,
      triggerTicks,
    );
    const available = this.availableBalance();
    if (reserve - order.marginReserve > available)
      return {
        ok: false,
        refusal: { code: 'INSUFFICIENT_MARGIN', required: reserve - order.marginReserve, available },
      };
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
    for (const side of [book.bids, book.asks])
      for (const [price, amount] of side)
        if (!(Number.isFinite(price) && price > 0 && Number.isFinite(amount) && amount >= 0))
          throw new Error(
            `sim venue: ${book.symbol} book at ${book.timeMs} has a bad level [${price}, ${amount}]`,
          );
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

  // ---- admission -------------------------------------------------------------------------

  /** Every check an order passes before it is accepted, in a fixed order; the first failure wins. */
  private admit(request: OrderRequest, market: MarketState): RoundedOrder | Refusal {
    const spec = market.spec;
    const grid = market.grid;
    const rounded = roundOrderRequest(request, grid, this.defaultTriggerPriceType);
    if (isRefusal(rounded)) return rounded;
    if (this.openByClientOrderId.has(rounded.clientOrderId))
      return { code: 'DUPLICATE_CLIENT_ORDER_ID', clientOrderId: rounded.clientOrderId };
    if (this.orders.size >= this.maxOpenOrders)
      return { code: 'TOO_MANY_OPEN_ORDERS', max: this.maxOpenOrders };
    const reference = market.referenceTicks();
    if (Number.isNaN(reference)) return { code: 'NO_REFERENCE_PRICE', symbol: spec.symbol };
    const position = market.position.lots;
    if (rounded.reduceOnly) {
      if (position === 0 || position > 0 === rounded.buy)
        return { code: 'REDUCE_ONLY_WOULD_INCREASE', positionQuantity: grid.quantity(position) };
      rounded.lots = Math.min(rounded.lots, Math.abs(position));
    }
    const quantity = grid.quantity(rounded.lots);
    if (rounded.lots === 0 || quantity < spec.minQuantity)
      return { code: 'BELOW_MIN_QUANTITY', quantity, minQuantity: spec.minQuantity };
    const priceTicks = !Number.isNaN(rounded.limitTicks)
      ? rounded.limitTicks
      : !Number.isNaN(rounded.triggerTicks)
        ? rounded.triggerTicks
        : reference;
    const price = grid.price(priceTicks);
    if (!rounded.reduceOnly && quantity * price < spec.minNotional)
      return { code: 'BELOW_MIN_NOTIONAL', notional: quantity * price, minNotional: spec.minNotional };
    if (rounded.postOnly && (rounded.buy ? rounded.limitTicks >= reference : rounded.limitTicks <= reference))
      return { code: 'POST_ONLY_WOULD_TAKE', price, referencePrice: grid.price(reference) };
    if (rounded.triggerPriceType) {
      const refusal = this.triggerRefusal(
        market,
        rounded.triggerPriceType,
        triggersOnRise(rounded.type, rounded.buy),
        rounded.triggerTicks,
      );
      if (refusal) return refusal;
    }
    return this.marginRefusal(market, rounded, price) ?? rounded;
  }

  private triggerRefusal(
    market: MarketState,
    type: TriggerPriceType,
    rising: boolean,
    triggerTicks: number,
  ): Refusal | null {
    const reference = type === 'mark' ? market.markTicks() : market.lastTicks;
    if (Number.isNaN(reference)) return { code: 'NO_REFERENCE_PRICE', symbol: market.spec.symbol };
    if (rising ? triggerTicks <= reference : triggerTicks >= reference)
      return {
        code: 'WOULD_TRIGGER_IMMEDIATELY',
        triggerPrice: market.grid.price(triggerTicks),
        referencePrice: market.grid.price(reference),
      };
    return null;
  }

  /** The opening part of the order needs initial margin from the available balance, within the tier's leverage. */
  private marginRefusal(market: MarketState, rounded: RoundedOrder, price: number): Refusal | null {
    const position = market.position;
    const opposite = position.lots !== 0 && position.lots > 0 !== rounded.buy;
    const openingLots = openingLotsOf(position.lots, rounded.buy, rounded.lots, rounded.reduceOnly);
    if (openingLots === 0) return null;
    const openingQuantity = market.grid.quantity(openingLots);
    const notional =
      (market.grid.quantity(Math.abs(position.lots)) * (opposite ? 0 : 1) + openingQuantity) * price;
    const tier = tierForNotional(market.spec.tiers, notional);
    if (position.leverage > tier.maxLeverage)
      return {
        code: 'LEVERAGE_EXCEEDS_TIER_MAX',
        leverage: position.leverage,
        maxLeverage: tier.maxLeverage,
        notional,
      };
    const required = (openingQuantity * price) / position.leverage;
    const available = this.availableBalance();
    if (required > available) return { code: 'INSUFFICIENT_MARGIN', required, available };
    return null;
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
      this.openingMargin(
        market,
        order.buy,
        order.lots,
        order.reduceOnly,
        order.limitTicks,
        order.triggerTicks,
      ),
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

  /** Initial margin for the opening part of `lots` at the order's price (limit, else trigger, else reference). */
  private openingMargin(
    market: MarketState,
    buy: boolean,
    lots: number,
    reduceOnly: boolean,
    limitTicks: number,
    triggerTicks: number,
  ): number {
    const position = market.position;
    const openingLots = openingLotsOf(position.lots, buy, lots, reduceOnly);
    const priceTicks = !Number.isNaN(limitTicks)
      ? limitTicks
      : !Number.isNaN(triggerTicks)
        ? triggerTicks
        : market.referenceTicks();
    return (market.grid.quantity(openingLots) * market.grid.price(priceTicks)) / position.leverage;
  }
}

/** Lots of an order that would open or grow the position (the rest closes the opposite position). */
function openingLotsOf(positionLots: number, buy: boolean, lots: number, reduceOnly: boolean): number {
  if (reduceOnly) return 0;
  const opposite = positionLots !== 0 && positionLots > 0 !== buy;
  return opposite ? Math.max(0, lots - Math.abs(positionLots)) : lots;
}

function checkBar(bar: VenueBar): void {
  const numbers = [bar.open, bar.high, bar.low, bar.close];
  const ok =
    numbers.every((n) => Number.isFinite(n) && n > 0) &&
    bar.low <= Math.min(bar.open, bar.close) &&
    bar.high >= Math.max(bar.open, bar.close) &&
    Number.isFinite(bar.volume) &&
    bar.volume >= 0;
  if (!ok) throw new Error(`sim venue: ${bar.symbol} bar at ${bar.timeMs} is not a valid OHLCV bar`);
  if (bar.mark) {
    const m = bar.mark;
    if (
      ![m.open, m.high, m.low, m.close].every((n) => Number.isFinite(n) && n > 0) ||
      m.low > Math.min(m.open, m.close) ||
      m.high < Math.max(m.open, m.close)
    )
      throw new Error(`sim venue: ${bar.symbol} mark bar at ${bar.timeMs} is not a valid OHLC bar`);
  }
}
