// Coinbase Advanced Trade (ccxt id "coinbase"; perpetuals are the separate coinbaseinternational).
import type { VenueQuirks } from './venue-quirks';

export const coinbase: VenueQuirks = {
  id: 'coinbase',
  label: 'Coinbase Advanced',
  kind: 'centralised',
  options: { fetchCurrencies: false },
  sandbox: false,
  notes: 'No OHLCV stream and no testnet in ccxt; public market data only without keys.',
};
