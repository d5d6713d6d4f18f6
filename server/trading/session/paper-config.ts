// The venue model of a paper run (and of a backtest) as the sim venue takes it: the bundled
// instruments and leverage tiers under what a run config set. What a config may set, its
// ranges and defaults are modules/contracts/venue-model.ts (the editor's forms share them).
import { defaultVenueModel, type VenueModelInput } from '@patchdesk/modules/contracts/venue-model';
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

export { defaultVenueModel, paperSymbols, venueModelSchema } from '@patchdesk/modules/contracts/venue-model';
export type { VenueModelInput } from '@patchdesk/modules/contracts/venue-model';

export interface VenueModel {
  market: MarketSpec;
  startingBalance: number;
  slippageBps: number;
  participationCap: number;
  leverage: number;
  marginMode: 'cross' | 'isolated';
}

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
