// Extended (Starknet perpetual DEX).
import type { VenueQuirks } from './venue-quirks';

export const extended: VenueQuirks = {
  id: 'extended',
  label: 'Extended',
  kind: 'perpDex',
  options: { fetchCurrencies: false },
  sandbox: true,
  notes: 'No ticker stream in ccxt 4.5; mark price and funding rate stream.',
};
