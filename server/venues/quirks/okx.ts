// OKX spot and swaps (the "OKX" and "OKX swaps": one ccxt id). ccxt loads spot,
// futures, swap and option markets by default; we load swap and spot (two REST calls).
import type { VenueQuirks } from './venue-quirks';

export const okx: VenueQuirks = {
  id: 'okx',
  label: 'OKX (spot and swaps)',
  kind: 'centralised',
  options: { fetchMarkets: { types: ['swap', 'spot'] }, fetchCurrencies: false, defaultType: 'swap' },
  sandbox: true,
  notes: 'Streams funding rate and mark price natively (funding-rate and mark-price channels).',
};
