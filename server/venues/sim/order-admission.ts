// Admission: every check an order passes before the venue accepts it, in a fixed order (the
// first failure wins), and the margin an accepted order holds. Pure functions of a market's
// state and a few figures from the venue.
import { tierForNotional } from './leverage-tiers';
import {
  hasLimitPrice,
  hasTrigger,
  isRefusal,
  roundOrderRequest,
  triggersOnRise,
  type RoundedOrder,
} from './order-request';
import type { MarketState, WorkingOrder } from './venue-state';
import type { OrderChanges, OrderRequest, Refusal, TriggerPriceType } from './types';

export interface AdmissionContext {
  isClientOrderIdOpen(clientOrderId: string): boolean;
  openOrderCount(): number;
  maxOpenOrders: number;
  /** Computed only when an order reaches the margin check. */
  availableBalance(): number;
}

export function admitOrder(
  request: OrderRequest,
  market: MarketState,
  defaultTriggerPriceType: TriggerPriceType,
  context: AdmissionContext,
): RoundedOrder | Refusal {
  const spec = market.spec;
  const grid = market.grid;
  const rounded = roundOrderRequest(request, grid, defaultTriggerPriceType);
  if (isRefusal(rounded)) return rounded;
  if (context.isClientOrderIdOpen(rounded.clientOrderId))
    return { code: 'DUPLICATE_CLIENT_ORDER_ID', clientOrderId: rounded.clientOrderId };
  if (context.openOrderCount() >= context.maxOpenOrders)
    return { code: 'TOO_MANY_OPEN_ORDERS', max: context.maxOpenOrders };
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
  const price = grid.price(orderPriceTicks(market, rounded.limitTicks, rounded.triggerTicks));
  if (!rounded.reduceOnly && quantity * price < spec.minNotional)
    return { code: 'BELOW_MIN_NOTIONAL', notional: quantity * price, minNotional: spec.minNotional };
  if (rounded.postOnly && (rounded.buy ? rounded.limitTicks >= reference : rounded.limitTicks <= reference))
    return { code: 'POST_ONLY_WOULD_TAKE', price, referencePrice: grid.price(reference) };
  if (rounded.triggerPriceType) {
    const rising = triggersOnRise(rounded.type, rounded.buy);
    const refusal = triggerRefusal(market, rounded.triggerPriceType, rising, rounded.triggerTicks);
    if (refusal) return refusal;
  }
  return marginRefusal(market, rounded, price, context) ?? rounded;
}

/** A trigger already reached by its reference price (mark or last) would fire at once: refused. */
export function triggerRefusal(
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
function marginRefusal(
  market: MarketState,
  rounded: RoundedOrder,
  price: number,
  context: AdmissionContext,
): Refusal | null {
  const position = market.position;
  const openingLots = openingLotsOf(position.lots, rounded.buy, rounded.lots, rounded.reduceOnly);
  if (openingLots === 0) return null;
  const sameSide = position.lots === 0 || position.lots > 0 === rounded.buy;
  const openingQuantity = market.grid.quantity(openingLots);
  const heldQuantity = sameSide ? market.grid.quantity(Math.abs(position.lots)) : 0;
  const notional = (heldQuantity + openingQuantity) * price;
  const tier = tierForNotional(market.spec.tiers, notional);
  if (position.leverage > tier.maxLeverage)
    return {
      code: 'LEVERAGE_EXCEEDS_TIER_MAX',
      leverage: position.leverage,
      maxLeverage: tier.maxLeverage,
      notional,
    };
  const required = (openingQuantity * price) / position.leverage;
  const available = context.availableBalance();
  if (required > available) return { code: 'INSUFFICIENT_MARGIN', required, available };
  return null;
}

export interface AdmittedChanges {
  lots: number;
  limitTicks: number;
  triggerTicks: number;
  /** Initial margin the order will hold after the change. */
  reserve: number;
}

/** Checks and rounds a modification the same way as a new order (modify in sim-venue.ts). */
export function admitChanges(
  order: WorkingOrder,
  changes: OrderChanges,
  context: AdmissionContext,
): AdmittedChanges | Refusal {
  const market = order.market;
  const grid = market.grid;
  if (changes.quantity !== undefined && !(Number.isFinite(changes.quantity) && changes.quantity > 0))
    return { code: 'INVALID_QUANTITY', quantity: changes.quantity };
  const lots = changes.quantity === undefined ? order.lots : grid.lots(changes.quantity);
  if (lots <= order.filledLots)
    return {
      code: 'QUANTITY_BELOW_FILLED',
      quantity: grid.quantity(lots),
      filledQuantity: grid.quantity(order.filledLots),
    };
  let limitTicks = order.limitTicks;
  if (changes.price !== undefined) {
    if (!hasLimitPrice(order.type) || !(Number.isFinite(changes.price) && changes.price > 0))
      return { code: 'INVALID_PRICE', field: 'price', value: changes.price };
    limitTicks = grid.ticks(changes.price, order.buy ? 'down' : 'up');
  }
  let triggerTicks = order.triggerTicks;
  if (changes.triggerPrice !== undefined) {
    if (!hasTrigger(order.type) || !(Number.isFinite(changes.triggerPrice) && changes.triggerPrice > 0))
      return { code: 'INVALID_PRICE', field: 'triggerPrice', value: changes.triggerPrice };
    triggerTicks = grid.ticks(changes.triggerPrice, 'nearest');
  }
  const reference = market.referenceTicks();
  if (order.postOnly && (order.buy ? limitTicks >= reference : limitTicks <= reference))
    return {
      code: 'POST_ONLY_WOULD_TAKE',
      price: grid.price(limitTicks),
      referencePrice: grid.price(reference),
    };
  if (order.stage === 'trigger') {
    const rising = triggersOnRise(order.type, order.buy);
    const refusal = triggerRefusal(market, order.triggerPriceType!, rising, triggerTicks);
    if (refusal) return refusal;
  }
  const remaining = lots - order.filledLots;
  const reserve = openingMargin(market, order.buy, remaining, order.reduceOnly, limitTicks, triggerTicks);
  const available = context.availableBalance();
  if (reserve - order.marginReserve > available)
    return { code: 'INSUFFICIENT_MARGIN', required: reserve - order.marginReserve, available };
  return { lots, limitTicks, triggerTicks, reserve };
}

/** Initial margin for the opening part of `lots` at the order's price. */
export function openingMargin(
  market: MarketState,
  buy: boolean,
  lots: number,
  reduceOnly: boolean,
  limitTicks: number,
  triggerTicks: number,
): number {
  const position = market.position;
  const openingLots = openingLotsOf(position.lots, buy, lots, reduceOnly);
  const price = market.grid.price(orderPriceTicks(market, limitTicks, triggerTicks));
  return (market.grid.quantity(openingLots) * price) / position.leverage;
}

/** The price an order is valued at: its limit, else its trigger, else the reference price. */
function orderPriceTicks(market: MarketState, limitTicks: number, triggerTicks: number): number {
  if (!Number.isNaN(limitTicks)) return limitTicks;
  if (!Number.isNaN(triggerTicks)) return triggerTicks;
  return market.referenceTicks();
}

/** Lots of an order that would open or grow the position (the rest closes the opposite position). */
function openingLotsOf(positionLots: number, buy: boolean, lots: number, reduceOnly: boolean): number {
  if (reduceOnly) return 0;
  const opposite = positionLots !== 0 && positionLots > 0 !== buy;
  return opposite ? Math.max(0, lots - Math.abs(positionLots)) : lots;
}
