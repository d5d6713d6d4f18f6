// Kraken spot (Kraken's futures are a separate ccxt id, krakenfutures).
import type { VenueQuirks } from './venue-quirks';

export const kraken: VenueQuirks = {
  id: 'kraken',
  label: 'Kraken spot',
  kind: 'centralised',
  options: { fetchCurrencies: false },
  sandbox: false,
  notes: 'No testnet in ccxt; spot only.',
};
