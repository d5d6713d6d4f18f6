// The order boundary: checks an order request's shape and numbers and rounds it to the
// market's grid, in this one place. A request from outside may be anything at run time, so
// every field is checked here even though the type says it is fine; a bad one gets a refusal
// naming the field, never a throw.
import type { MarketGrid } from './market-spec';
import type { OrderRequest, OrderType, Refusal, TimeInForce, TriggerPriceType } from './types';

export interface RoundedOrder {
  clientOrderId: string;
  symbol: string;
  buy: boolean;
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  requestedQuantity: number;
  lots: number;
  /** NaN when the type has no limit price. */
  limitTicks: number;
  /** NaN when the type has no trigger. */
  triggerTicks: number;
  triggerPriceType: TriggerPriceType | null;
}

const orderTypes: ReadonlySet<string> = new Set([
  'market',
  'limit',
  'stopMarket',
  'stopLimit',
  'takeProfitMarket',
  'takeProfitLimit',
]);
const timesInForce: ReadonlySet<string> = new Set(['GTC', 'IOC', 'FOK']);
export const clientOrderIdMaxLength = 64;

export function hasLimitPrice(type: OrderType): boolean {
  return type === 'limit' || type === 'stopLimit' || type === 'takeProfitLimit';
}

export function hasTrigger(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

/** Stop buys and take-profit sells fire on a rising price; the other two on a falling one. */
export function triggersOnRise(type: OrderType, buy: boolean): boolean {
  return (type === 'stopMarket' || type === 'stopLimit') === buy;
}

function invalid(field: string, message: string): Refusal {
  return { code: 'INVALID_REQUEST', field, message };
}

function isPositivePrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Shape and number checks that need no market; run before the symbol is looked up. */
export function checkOrderShape(request: OrderRequest): Refusal | null {
  const r = request as unknown as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) return invalid('request', 'must be an object');
  if (
    typeof r.clientOrderId !== 'string' ||
    r.clientOrderId.length === 0 ||
    r.clientOrderId.length > clientOrderIdMaxLength
  )
    return invalid('clientOrderId', `must be a string of 1..${clientOrderIdMaxLength} characters`);
  if (typeof r.symbol !== 'string') return invalid('symbol', 'must be a string');
  if (r.side !== 'buy' && r.side !== 'sell') return invalid('side', "must be 'buy' or 'sell'");
  if (typeof r.type !== 'string' || !orderTypes.has(r.type)) return invalid('type', 'is not an order type');
  if (r.timeInForce !== undefined && (typeof r.timeInForce !== 'string' || !timesInForce.has(r.timeInForce)))
    return invalid('timeInForce', "must be 'GTC', 'IOC' or 'FOK'");
  if (r.triggerPriceType !== undefined && r.triggerPriceType !== 'mark' && r.triggerPriceType !== 'last')
    return invalid('triggerPriceType', "must be 'mark' or 'last'");
  for (const flag of ['postOnly', 'reduceOnly'] as const)
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean') return invalid(flag, 'must be a boolean');
  if (typeof r.quantity !== 'number' || !Number.isFinite(r.quantity) || r.quantity <= 0)
    return { code: 'INVALID_QUANTITY', quantity: typeof r.quantity === 'number' ? r.quantity : Number.NaN };
  const type = r.type as OrderType;
  if (hasLimitPrice(type) && !isPositivePrice(r.price))
    return {
      code: 'INVALID_PRICE',
      field: 'price',
      value: typeof r.price === 'number' ? r.price : Number.NaN,
    };
  if (hasTrigger(type) && !isPositivePrice(r.triggerPrice))
    return {
      code: 'INVALID_PRICE',
      field: 'triggerPrice',
      value: typeof r.triggerPrice === 'number' ? r.triggerPrice : Number.NaN,
    };
  const timeInForce = r.timeInForce ?? 'GTC';
  if (timeInForce !== 'GTC' && type !== 'market' && type !== 'limit')
    return invalid('timeInForce', 'IOC and FOK apply to market and limit orders only');
  if (r.postOnly === true && (type !== 'limit' || timeInForce !== 'GTC'))
    return invalid('postOnly', 'applies to GTC limit orders only');
  return null;
}

/**
 * Rounds a request that passed checkOrderShape: quantity down to lots, a buy limit down and a
 * sell limit up to the tick (never a worse price than asked), a trigger to the nearest tick.
 */
export function roundOrderRequest(
  request: OrderRequest,
  grid: MarketGrid,
  defaultTriggerPriceType: TriggerPriceType,
): RoundedOrder | Refusal {
  const buy = request.side === 'buy';
  const type = request.type;
  const limitTicks = hasLimitPrice(type) ? grid.ticks(request.price!, buy ? 'down' : 'up') : Number.NaN;
  const triggerTicks = hasTrigger(type) ? grid.ticks(request.triggerPrice!, 'nearest') : Number.NaN;
  if (limitTicks <= 0) return { code: 'INVALID_PRICE', field: 'price', value: request.price! };
  if (triggerTicks <= 0)
    return { code: 'INVALID_PRICE', field: 'triggerPrice', value: request.triggerPrice! };
  return {
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    buy,
    type,
    timeInForce: request.timeInForce ?? 'GTC',
    postOnly: request.postOnly ?? false,
    reduceOnly: request.reduceOnly ?? false,
    requestedQuantity: request.quantity,
    lots: grid.lots(request.quantity),
    limitTicks,
    triggerTicks,
    triggerPriceType: hasTrigger(type) ? (request.triggerPriceType ?? defaultTriggerPriceType) : null,
  };
}

/** Refusals are the only results with a `code`. */
export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'code' in value;
}
