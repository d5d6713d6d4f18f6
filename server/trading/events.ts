// The money-moving trading events the ledger books, in past tense. Venues (sim or ccxt) and the
// broker emit their own shapes; a small adapter per source maps them to these (see
// ledger/README.md). Every event carries a stable `eventId`: the ledger derives its transfer ids
// from it, so booking the same event twice never moves money twice.
//
// Prices, quantities and amounts are float64 here, as venues report them; the ledger turns them
// into integer minor units in one place (ledger/money.ts).
import { z } from 'zod';

const eventBase = {
  /** Stable and unique per event, e.g. "<venue>:<trade id>"; 1..200 characters. */
  eventId: z.string().min(1).max(200),
  /** The trading account (paper or live) the money belongs to. */
  accountId: z.string().min(1).max(100),
  atMs: z.number().int().nonnegative(),
};

const positiveFinite = z.number().finite().positive();
const finite = z.number().finite();
/** Unified ccxt symbol of a linear perpetual: BASE/QUOTE:SETTLE, e.g. BTC/USDT:USDT. */
const perpSymbol = z
  .string()
  .regex(/^[A-Z0-9]+\/[A-Z0-9]+:[A-Z0-9]+$/, 'expected a symbol like BTC/USDT:USDT');

export const depositRecordedSchema = z.object({
  kind: z.literal('deposit'),
  ...eventBase,
  currency: z.string().regex(/^[A-Z0-9]{2,10}$/),
  amount: positiveFinite,
});

export const withdrawalRecordedSchema = z.object({
  kind: z.literal('withdrawal'),
  ...eventBase,
  currency: z.string().regex(/^[A-Z0-9]{2,10}$/),
  amount: positiveFinite,
});

export const orderFilledSchema = z.object({
  kind: z.literal('fill'),
  ...eventBase,
  orderId: z.string().min(1).max(200),
  symbol: perpSymbol,
  side: z.enum(['buy', 'sell']),
  quantity: positiveFinite,
  price: positiveFinite,
  /** Fee in the settle currency: positive = paid, negative = rebate. */
  fee: finite,
  liquidity: z.enum(['maker', 'taker']),
  /** The order was reduce-only: the ledger refuses a fill that would grow or flip the position. */
  reduceOnly: z.boolean(),
});

export const fundingPaidSchema = z.object({
  kind: z.literal('funding'),
  ...eventBase,
  symbol: perpSymbol,
  /** Settle currency, signed from the account's side: positive = received, negative = paid. */
  amount: finite,
  rate: finite,
  markPrice: positiveFinite,
});

export const positionLiquidatedSchema = z.object({
  kind: z.literal('liquidation'),
  ...eventBase,
  symbol: perpSymbol,
  /** The side of the closing trade (sell closes a long). */
  side: z.enum(['buy', 'sell']),
  quantity: positiveFinite,
  /** Where the position was closed (the bankruptcy price in the sim venue). */
  price: positiveFinite,
  /** Liquidation fee charged on top of the loss, settle currency, >= 0. */
  fee: z.number().finite().nonnegative(),
});

export const tradingEventSchema = z.discriminatedUnion('kind', [
  depositRecordedSchema,
  withdrawalRecordedSchema,
  orderFilledSchema,
  fundingPaidSchema,
  positionLiquidatedSchema,
]);

export type DepositRecorded = z.infer<typeof depositRecordedSchema>;
export type WithdrawalRecorded = z.infer<typeof withdrawalRecordedSchema>;
export type OrderFilled = z.infer<typeof orderFilledSchema>;
export type FundingPaid = z.infer<typeof fundingPaidSchema>;
export type PositionLiquidated = z.infer<typeof positionLiquidatedSchema>;
export type TradingEvent = z.infer<typeof tradingEventSchema>;

/** The settle currency of a perpetual symbol: BTC/USDT:USDT -> USDT. */
export function settleCurrencyOf(symbol: string): string {
  const colon = symbol.lastIndexOf(':');
  if (colon < 0) throw new RangeError(`events: ${symbol} is not a perpetual symbol (BASE/QUOTE:SETTLE)`);
  return symbol.slice(colon + 1);
}
