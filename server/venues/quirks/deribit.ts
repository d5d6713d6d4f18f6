// Deribit (perpetuals and options; JSON-RPC over one WebSocket).
import type { VenueQuirks } from './venue-quirks';

export const deribit: VenueQuirks = {
  id: 'deribit',
  label: 'Deribit',
  kind: 'centralised',
  options: { fetchCurrencies: false, defaultType: 'swap' },
  sandbox: true,
  notes: 'Inverse BTC and ETH perpetuals plus USDC-margined linear ones.',
};
