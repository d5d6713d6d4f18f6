// Binance spot. Without fetchCurrencies false, loadMarkets also calls the private sapi
// capital/config endpoint when keys are set.
import type { VenueQuirks } from './venue-quirks';

export const binance: VenueQuirks = {
  id: 'binance',
  label: 'Binance spot',
  kind: 'centralised',
  options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, defaultType: 'spot' },
  sandbox: true,
  notes: 'Spot only: no mark price, funding or open interest.',
};
