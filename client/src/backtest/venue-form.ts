// The venue model fields of a backtest as typed (strings) and the model they make. An empty
// field takes the server's default (shown as its placeholder); a field out of the server's
// range (server/trading/session/paper-config.ts) says why under it and blocks Run. Fees are
// fractions, as ccxt's markets give them (0.0005 = 5 bps).
import type { BacktestVenueModel } from '@patchdesk/modules/contracts/backtest';
import { readNumber, type NumberRule } from '../trading/run-config-form';

export type VenueField =
  'startingBalance' | 'makerFee' | 'takerFee' | 'slippageBps' | 'participationCap' | 'leverage';

export interface VenueForm extends Record<VenueField, string> {
  marginMode: 'cross' | 'isolated';
}

/** The server's defaults (`defaultVenueModel`); a test checks they still agree. */
export const venueDefaults = {
  startingBalance: 10_000,
  makerFee: 0.0002,
  takerFee: 0.0005,
  slippageBps: 1,
  participationCap: 1,
  leverage: 10,
  marginMode: 'cross',
} as const;

export const emptyVenueForm: VenueForm = {
  startingBalance: '',
  makerFee: '',
  takerFee: '',
  slippageBps: '',
  participationCap: '',
  leverage: '',
  marginMode: 'cross',
};

export const venueFields: readonly { field: VenueField; label: string; unit: string; rule: NumberRule }[] = [
  {
    field: 'startingBalance',
    label: 'Starting balance',
    unit: 'USDT',
    rule: { min: 0, max: 1e12, minIncluded: false },
  },
  { field: 'makerFee', label: 'Maker fee', unit: 'fraction', rule: { min: -0.01, max: 0.01 } },
  { field: 'takerFee', label: 'Taker fee', unit: 'fraction', rule: { min: -0.01, max: 0.01 } },
  { field: 'slippageBps', label: 'Slippage', unit: 'bps', rule: { min: 0, max: 1_000 } },
  {
    field: 'participationCap',
    label: 'Participation cap',
    unit: 'of bar volume',
    rule: { min: 0, max: 1, minIncluded: false },
  },
  // BTC/USDT's first leverage tier allows 125x; the server refuses more.
  { field: 'leverage', label: 'Leverage', unit: 'x', rule: { min: 1, max: 125, integer: true } },
];

export interface VenueModelResult {
  model: BacktestVenueModel;
  problems: Partial<Record<VenueField, string>>;
}

export function venueModelOfForm(form: VenueForm): VenueModelResult {
  const model: BacktestVenueModel = { marginMode: form.marginMode };
  const problems: VenueModelResult['problems'] = {};
  for (const { field, rule } of venueFields) {
    const read = readNumber(form[field], rule);
    if (typeof read === 'object') problems[field] = read.problem;
    else if (read !== undefined) model[field] = read;
  }
  return { model, problems };
}

/** The first problem as Run's tooltip says it; null when Run may go. */
export function venueBlockedReason(problems: VenueModelResult['problems']): string | null {
  const first = venueFields.find(({ field }) => problems[field] !== undefined);
  return first ? `${first.label} ${problems[first.field]}` : null;
}
