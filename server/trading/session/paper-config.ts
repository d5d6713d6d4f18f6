// The venue model of a paper run (and of a backtest): what a run config may set, checked at the
// edge, with Binance USD-M's public defaults for a VIP 0 account on BTC/USDT:USDT.
import { z } from 'zod';
import type { MarketSpec } from '../../venues/sim/market-spec';
import { bundledLeverageTiers } from './bundled-tiers';

/** Instruments a paper run can trade without a venue connection (tick, lot and minimums from Binance USD-M). */
const bundledInstruments: Record<string, Omit<MarketSpec, 'makerFeeRate' | 'takerFeeRate' | 'tiers'>> = {
  'BTC/USDT:USDT': {
    symbol: 'BTC/USDT:USDT',
    tickSize: 0.1,
    lotSize: 0.001,
    minQuantity: 0.001,
    minNotional: 100,
  },
  'ETH/USDT:USDT': {
    symbol: 'ETH/USDT:USDT',
    tickSize: 0.01,
    lotSize: 0.001,
    minQuantity: 0.001,
    minNotional: 20,
  },
};

export const paperSymbols = Object.keys(bundledInstruments);

const feeRate = z.number().min(-0.01).max(0.01);

export const venueModelSchema = z.strictObject({
  symbol: z.enum(paperSymbols as [string, ...string[]]).optional(),
  /** Starting balance in the settle currency. */
  startingBalance: z.number().positive().max(1e12).optional(),
  /** Fractions (0.0005 = 5 bps), as ccxt's markets give them. */
  makerFee: feeRate.optional(),
  takerFee: feeRate.optional(),
  slippageBps: z.number().min(0).max(1_000).optional(),
  /** Fraction of a bar's volume our fills may take (1 = all of it). */
  participationCap: z.number().positive().max(1).optional(),
  leverage: z.number().int().min(1).max(125).optional(),
  marginMode: z.enum(['cross', 'isolated']).optional(),
});

export type VenueModelInput = z.infer<typeof venueModelSchema>;

export interface VenueModel {
  market: MarketSpec;
  startingBalance: number;
  slippageBps: number;
  participationCap: number;
  leverage: number;
  marginMode: 'cross' | 'isolated';
}

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

export function venueModelOf(input: VenueModelInput = {}): VenueModel {
  const symbol = input.symbol ?? defaultVenueModel.symbol;
  const tiers = bundledLeverageTiers(symbol);
  const instrument = bundledInstruments[symbol];
  if (!tiers || !instrument) throw new Error(`venue model: no bundled market for ${symbol}`);
  const leverage = input.leverage ?? defaultVenueModel.leverage;
  if (leverage > tiers[0].maxLeverage) {
    throw new Error(
      `venue model: leverage ${leverage} is above ${symbol}'s maximum of ${tiers[0].maxLeverage}`,
    );
  }
  return {
    market: {
      ...instrument,
      makerFeeRate: input.makerFee ?? defaultVenueModel.makerFee,
      takerFeeRate: input.takerFee ?? defaultVenueModel.takerFee,
      tiers,
    },
    startingBalance: input.startingBalance ?? defaultVenueModel.startingBalance,
    slippageBps: input.slippageBps ?? defaultVenueModel.slippageBps,
    participationCap: input.participationCap ?? defaultVenueModel.participationCap,
    leverage,
    marginMode: input.marginMode ?? defaultVenueModel.marginMode,
  };
}
