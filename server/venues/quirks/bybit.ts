// Bybit v5, linear perpetuals. ccxt loads spot, linear, inverse and option markets by default;
// we load linear only (one REST call).
import type { VenueQuirks } from './venue-quirks';

export const bybit: VenueQuirks = {
  id: 'bybit',
  label: 'Bybit',
  kind: 'centralised',
  options: { fetchMarkets: { types: ['linear'] }, fetchCurrencies: false, defaultType: 'swap' },
  sandbox: true,
  notes: 'Funding and open interest come from the ticker stream fields; polled through ccxt here.',
};
