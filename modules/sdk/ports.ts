// Port types: what a cable carries. Numbers and bools live in the kernel's Float64Array
// (a bool is 0 or 1); bars and order intents are references kept in a parallel slot array.

export type PortType = 'number' | 'bool' | 'bar' | 'orderIntent';

/** One OHLCV candle. `timeMs` is the bar's open time, integer UTC milliseconds. */
export interface Bar {
  timeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type OrderSide = 'buy' | 'sell';
/**
 * How the order executes. Stops and take-profits rest at the venue until the mark or last
 * price crosses `triggerPrice`; `stop-limit` then rests as a limit at `limitPrice`, the others
 * execute at market. Names follow the issue; ccxt's unified params are mapped at the broker.
 */
export type OrderType = 'market' | 'limit' | 'stop-market' | 'stop-limit' | 'take-profit';
export const orderTypes: readonly OrderType[] = [
  'market',
  'limit',
  'stop-market',
  'stop-limit',
  'take-profit',
];
/** GTC good till cancelled; IOC immediate or cancel; FOK fill or kill; PO post-only (maker only). */
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'PO';
export const timesInForce: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK', 'PO'];
/**
 * `submit` a new order; `modify` the slot's working order (re-price or resize; the run drops it
 * with ORDER_NOT_WORKING when the slot has none, so a filled order is never re-placed);
 * `cancel` the slot's working order.
 */
export type OrderAction = 'submit' | 'modify' | 'cancel';

/**
 * The working order an order module manages: created once per instance (in `init`) and carried
 * by every intent it emits, so the run can map it to the venue's order (client order id) and
 * tell the module, through the trading feed's `workingSlots`, whether that order still rests.
 */
export interface OrderSlot {
  /** Type of the module that owns the slot, e.g. `orders/limit`. */
  readonly owner: string;
}

/**
 * What an order module emits and a sink hands to the run's broker. Prices are NaN where they
 * do not apply. An intent object is owned by the module that emitted it and may be reused by
 * it on a later tick: whoever keeps an intent past the tick it was emitted in copies it
 * (`copyOrderIntent`). Rounding to tick and lot size happens at the order boundary, not here.
 */
export interface OrderIntent {
  action: OrderAction;
  slot: OrderSlot;
  /** Unified ccxt symbol (`BTC/USDT:USDT`); order modules stamp the run's symbol. */
  symbol: string;
  side: OrderSide;
  orderType: OrderType;
  /** Base-currency quantity, > 0. */
  quantity: number;
  /** For limit and stop-limit. */
  limitPrice: number;
  /** For stop-market, stop-limit and take-profit. */
  triggerPrice: number;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  /** Attached protective orders (a bracket): stop-loss and take-profit trigger prices, NaN for none. */
  stopLossPrice: number;
  takeProfitPrice: number;
  /** Free text for the journal and the trading panel; order modules put their type here. */
  tag: string;
  /** Tick time the intent was emitted at, integer UTC milliseconds. */
  createdAtMs: number;
}

/** A fresh intent with every field set (one hidden class for all intents). */
export function createOrderIntent(
  slot: OrderSlot,
  fields: Partial<Omit<OrderIntent, 'slot'>> = {},
): OrderIntent {
  return {
    action: fields.action ?? 'submit',
    slot,
    symbol: fields.symbol ?? '',
    side: fields.side ?? 'buy',
    orderType: fields.orderType ?? 'market',
    quantity: fields.quantity ?? Number.NaN,
    limitPrice: fields.limitPrice ?? Number.NaN,
    triggerPrice: fields.triggerPrice ?? Number.NaN,
    timeInForce: fields.timeInForce ?? 'GTC',
    reduceOnly: fields.reduceOnly ?? false,
    stopLossPrice: fields.stopLossPrice ?? Number.NaN,
    takeProfitPrice: fields.takeProfitPrice ?? Number.NaN,
    tag: fields.tag ?? slot.owner,
    createdAtMs: fields.createdAtMs ?? Number.NaN,
  };
}

/** A copy to keep past the tick (the slot stays shared: it is the order's identity). */
export function copyOrderIntent(intent: OrderIntent): OrderIntent {
  return { ...intent };
}

export interface PortValueByType {
  number: number;
  bool: boolean;
  bar: Bar | null;
  orderIntent: OrderIntent | null;
}

export interface PortSpec<T extends PortType = PortType> {
  type: T;
  /** A required input must be connected for the patch to be valid. Outputs ignore it. */
  required: boolean;
  /** Value of an unconnected optional input (numbers and bools only). */
  defaultValue: number;
  description: string;
}

export type PortMap = Record<string, PortSpec>;

interface PortOptions {
  required?: boolean;
  defaultValue?: number;
  description?: string;
}

function make<T extends PortType>(type: T, fallback: number, options: PortOptions = {}): PortSpec<T> {
  return {
    type,
    required: options.required ?? true,
    defaultValue: options.defaultValue ?? fallback,
    description: options.description ?? '',
  };
}

export const port = {
  number: (options?: PortOptions) => make('number', Number.NaN, options),
  bool: (options?: PortOptions) => make('bool', 0, options),
  bar: (options?: Omit<PortOptions, 'defaultValue'>) => make('bar', Number.NaN, options),
  orderIntent: (options?: Omit<PortOptions, 'defaultValue'>) => make('orderIntent', Number.NaN, options),
};

/** Numbers and bools are stored in the numeric slab; the rest are references. */
export function isNumericPort(type: PortType): boolean {
  return type === 'number' || type === 'bool';
}

/** Which output types may feed which input types. Only identical types connect. */
export function portTypesCompatible(from: PortType, to: PortType): boolean {
  return from === to;
}
