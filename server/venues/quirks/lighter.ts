// Lighter (zk perpetual DEX).
import type { VenueQuirks } from './venue-quirks';

export const lighter: VenueQuirks = {
  id: 'lighter',
  label: 'Lighter',
  kind: 'perpDex',
  options: { fetchCurrencies: false },
  sandbox: true,
  notes: 'No funding-rate or open-interest fetch in ccxt 4.5; mark price streams.',
};
