// The venue model of a paper run or a backtest: what a run config may set, as one zod schema
// the server checks every config with and the editor's forms take their limits from (so the
// two cannot drift), with Binance USD-M's public defaults for a VIP 0 account on BTC/USDT:USDT.
import { z } from 'zod';

/** Perpetuals a paper run can trade without a venue connection (the server bundles their specs). */
export const paperSymbols: readonly [string, ...string[]] = ['BTC/USDT:USDT', 'ETH/USDT:USDT'];

const feeRate = z.number().min(-0.01).max(0.01);

export const venueModelSchema = z.strictObject({
  symbol: z.enum(paperSymbols).optional(),
  /** Starting balance in the settle currency. */
  startingBalance: z.number().positive().max(1e12).optional(),
  /** Fractions (0.0005 = 5 bps), as ccxt's markets give them. */
  makerFee: feeRate.optional(),
  takerFee: feeRate.optional(),
  slippageBps: z.number().min(0).max(1_000).optional(),
  /** Fraction of a bar's volume our fills may take (1 = all of it). */
  participationCap: z.number().positive().max(1).optional(),
  // BTC/USDT's first leverage tier allows 125x; a symbol's own tiers may allow less.
  leverage: z.number().int().min(1).max(125).optional(),
  marginMode: z.enum(['cross', 'isolated']).optional(),
});

export type VenueModelInput = z.infer<typeof venueModelSchema>;

export const defaultVenueModel = {
  symbol: 'BTC/USDT:USDT',
  startingBalance: 10_000,
  makerFee: 0.0002,
  takerFee: 0.0005,
  slippageBps: 1,
  participationCap: 1,
  leverage: 10,
  marginMode: 'cross',
} as const;

export type VenueNumberField =
  'startingBalance' | 'makerFee' | 'takerFee' | 'slippageBps' | 'participationCap' | 'leverage';

/** A number field's allowed values: [min, max] (or (min, max] when `minIncluded` is false). */
export interface NumberRange {
  min: number;
  max: number;
  minIncluded: boolean;
  integer: boolean;
}

/**
 * The schema's own range of a number field, read through zod's JSON Schema export (its public
 * view of the checks), so a form's limits are the schema's and nothing restates them.
 */
function rangeOf(field: VenueNumberField): NumberRange {
  const json = z.toJSONSchema(venueModelSchema.shape[field].unwrap()) as {
    type?: string;
    minimum?: number;
    exclusiveMinimum?: number;
    maximum?: number;
    exclusiveMaximum?: number;
  };
  const min = json.minimum ?? json.exclusiveMinimum;
  if (min === undefined || json.maximum === undefined || json.exclusiveMaximum !== undefined) {
    // A range a form cannot state (open-ended, or an excluded maximum) is a change to make here.
    throw new Error(`venue-model: ${field} needs a minimum and an included maximum`);
  }
  return {
    min,
    max: json.maximum,
    minIncluded: json.exclusiveMinimum === undefined,
    integer: json.type === 'integer',
  };
}

export const venueModelRanges: Readonly<Record<VenueNumberField, NumberRange>> = {
  startingBalance: rangeOf('startingBalance'),
  makerFee: rangeOf('makerFee'),
  takerFee: rangeOf('takerFee'),
  slippageBps: rangeOf('slippageBps'),
  participationCap: rangeOf('participationCap'),
  leverage: rangeOf('leverage'),
};
