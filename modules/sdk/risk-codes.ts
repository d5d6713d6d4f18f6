// Why an order intent was refused: one stable code per reason, with the figures that decided it
// (STYLE.md's domain refusals: data shown to the user, never thrown). Declared once here so
// the risk gates, the sink, the server's order boundary and the editor agree on them.
//
// A probe cannot carry a string, so gates and sinks also output the code as a number:
// `riskCodeNumber(code)`, 0 meaning "passed". Numbers are positions in `riskCodes` plus one;
// the list only ever grows at its end, so a number keeps its meaning across versions.

type Figures<C extends string, F = object> = { code: C } & F;

export type RiskDenial =
  // Malformed intents (the "bad input" rules): checked by the sink and again at the broker.
  | Figures<'QUANTITY_NOT_POSITIVE', { quantity: number }>
  | Figures<'PRICE_NOT_FINITE', { field: PriceField; price: number }>
  | Figures<'SYMBOL_UNKNOWN', { symbol: string }>
  | Figures<'QUANTITY_BELOW_MIN', { quantity: number; min: number }>
  | Figures<'NOTIONAL_BELOW_MIN', { notional: number; min: number }>
  // Risk gates.
  | Figures<'POSITION_EXCEEDS_MAX', { position: number; max: number }>
  | Figures<'NOTIONAL_EXCEEDS_MAX', { notional: number; max: number }>
  | Figures<'LEVERAGE_EXCEEDS_MAX', { leverage: number; max: number }>
  | Figures<'DRAWDOWN_EXCEEDS_MAX', { drawdown: number; max: number }>
  | Figures<'ORDER_RATE_EXCEEDS_MAX', { orders: number; max: number; windowMs: number }>
  | Figures<'PRICE_OUTSIDE_BAND', { price: number; mark: number; deviation: number; max: number }>
  | Figures<'DATA_STALE', { ageMs: number; maxAgeMs: number }>
  | Figures<'KILL_SWITCH_ON'>
  | Figures<'PRICE_MISSING'>
  | Figures<'EQUITY_MISSING'>
  // Delivery: the sink and the run.
  | Figures<'NO_BROKER'>
  | Figures<'OUTBOX_FULL', { capacity: number }>
  | Figures<'ORDER_NOT_WORKING'>;

export type RiskCode = RiskDenial['code'];
export type PriceField = 'limitPrice' | 'triggerPrice' | 'stopLossPrice' | 'takeProfitPrice';
export type RiskDenialOf<C extends RiskCode> = Extract<RiskDenial, { code: C }>;

/** Append only: a code's number is its index plus one. */
export const riskCodes = [
  'QUANTITY_NOT_POSITIVE',
  'PRICE_NOT_FINITE',
  'SYMBOL_UNKNOWN',
  'QUANTITY_BELOW_MIN',
  'NOTIONAL_BELOW_MIN',
  'POSITION_EXCEEDS_MAX',
  'NOTIONAL_EXCEEDS_MAX',
  'LEVERAGE_EXCEEDS_MAX',
  'DRAWDOWN_EXCEEDS_MAX',
  'ORDER_RATE_EXCEEDS_MAX',
  'PRICE_OUTSIDE_BAND',
  'DATA_STALE',
  'KILL_SWITCH_ON',
  'PRICE_MISSING',
  'EQUITY_MISSING',
  'NO_BROKER',
  'OUTBOX_FULL',
  'ORDER_NOT_WORKING',
] as const satisfies readonly RiskCode[];

// Every code in the union is listed (a compile error names the one missing).
type Missing = Exclude<RiskCode, (typeof riskCodes)[number]>;
const everyCodeListed: Missing extends never ? true : Missing = true;
void everyCodeListed;

const numberByCode = Object.fromEntries(riskCodes.map((code, index) => [code, index + 1])) as Record<
  RiskCode,
  number
>;

/** The number a `code` output carries for this reason (never 0, which means passed). */
export function riskCodeNumber(code: RiskCode): number {
  return numberByCode[code];
}

/** The code behind a `code` output's number; null for 0 (passed) or a number no code has. */
export function riskCodeOf(codeNumber: number): RiskCode | null {
  return Number.isInteger(codeNumber) && codeNumber >= 1 && codeNumber <= riskCodes.length
    ? riskCodes[codeNumber - 1]
    : null;
}

/** One line a trader reads: what was refused and the figures. */
export function describeRiskDenial(denial: RiskDenial): string {
  switch (denial.code) {
    case 'QUANTITY_NOT_POSITIVE':
      return `quantity ${denial.quantity} is not positive`;
    case 'PRICE_NOT_FINITE':
      return `${denial.field} ${denial.price} is not a positive finite price`;
    case 'SYMBOL_UNKNOWN':
      return `symbol "${denial.symbol}" is not traded by this run`;
    case 'QUANTITY_BELOW_MIN':
      return `quantity ${denial.quantity} is below the minimum ${denial.min}`;
    case 'NOTIONAL_BELOW_MIN':
      return `notional ${denial.notional} is below the minimum ${denial.min}`;
    case 'POSITION_EXCEEDS_MAX':
      return `position ${denial.position} would exceed the max ${denial.max}`;
    case 'NOTIONAL_EXCEEDS_MAX':
      return `order notional ${denial.notional} exceeds the max ${denial.max}`;
    case 'LEVERAGE_EXCEEDS_MAX':
      return `leverage ${denial.leverage} would exceed the max ${denial.max}`;
    case 'DRAWDOWN_EXCEEDS_MAX':
      return `drawdown ${denial.drawdown} exceeded the max ${denial.max}: new entries halted`;
    case 'ORDER_RATE_EXCEEDS_MAX':
      return `${denial.orders} orders in ${denial.windowMs} ms reach the max ${denial.max}`;
    case 'PRICE_OUTSIDE_BAND':
      return `price ${denial.price} is ${denial.deviation} away from mark ${denial.mark} (max ${denial.max})`;
    case 'DATA_STALE':
      return Number.isNaN(denial.ageMs)
        ? `no time is known for the market data (max age ${denial.maxAgeMs} ms)`
        : `data is ${denial.ageMs} ms old (max ${denial.maxAgeMs} ms)`;
    case 'KILL_SWITCH_ON':
      return 'the kill switch is on';
    case 'PRICE_MISSING':
      return 'no price to check the order against';
    case 'EQUITY_MISSING':
      return 'no account equity to check the order against';
    case 'NO_BROKER':
      return 'no broker is attached to this run: the intent was dropped';
    case 'OUTBOX_FULL':
      return `more than ${denial.capacity} intents in one tick: the intent was dropped`;
    case 'ORDER_NOT_WORKING':
      return 'the order to modify is no longer working';
  }
}
