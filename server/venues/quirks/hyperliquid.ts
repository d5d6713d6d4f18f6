// Hyperliquid perpetuals. REST is one POST /info endpoint keyed by "type"; ccxt loads spot,
// swap and HIP-3 markets by default; we load swap only.
import type { VenueQuirks } from './venue-quirks';

export const hyperliquid: VenueQuirks = {
  id: 'hyperliquid',
  label: 'Hyperliquid',
  kind: 'perpDex',
  options: { fetchMarkets: { types: ['swap'] }, fetchCurrencies: false, defaultType: 'swap' },
  sandbox: true,
  notes: 'Symbols are COIN/USDC:USDC; the book stream sends whole snapshots (no sequence numbers).',
  // markPx and oraclePx come with the asset contexts that ccxt parses as funding rates.
  markFromFundingRate: true,
};
