// Pacifica (Solana perpetual DEX).
import type { VenueQuirks } from './venue-quirks';

export const pacifica: VenueQuirks = {
  id: 'pacifica',
  label: 'Pacifica',
  kind: 'perpDex',
  options: { fetchCurrencies: false },
  sandbox: true,
  notes: 'No funding-rate fetch in ccxt 4.5 (fetchFundingRates only); open interest polls.',
};
