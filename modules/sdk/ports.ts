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

/** What an order sink receives. Reserved for sinks; rounding to tick/lot size happens at the order boundary. */
export interface OrderIntent {
  side: 'buy' | 'sell';
  quantity: number;
  orderType: 'market' | 'limit';
  limitPrice: number;
  reduceOnly: boolean;
  tag: string;
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
