// The venue model fields of a backtest as typed (strings) and the model they make. An empty
// field takes the server's default (shown as its placeholder); a field out of the venue
// model's range says why under it and blocks Run. The ranges and defaults are the schema's the
// server checks with (modules/contracts/venue-model.ts), never restated here. Fees are
// fractions, as ccxt's markets give them (0.0005 = 5 bps).
import type { BacktestVenueModel } from '@patchdesk/modules/contracts/backtest';
import {
  defaultVenueModel,
  venueModelRanges,
  type VenueNumberField,
} from '@patchdesk/modules/contracts/venue-model';
import { readNumber, type NumberRule } from '../trading/run-config-form';

export type VenueField = VenueNumberField;

export interface VenueForm extends Record<VenueField, string> {
  marginMode: 'cross' | 'isolated';
}

/** The server's defaults, shown as placeholders. */
export const venueDefaults = {
  startingBalance: defaultVenueModel.startingBalance,
  makerFee: defaultVenueModel.makerFee,
  takerFee: defaultVenueModel.takerFee,
  slippageBps: defaultVenueModel.slippageBps,
  participationCap: defaultVenueModel.participationCap,
  leverage: defaultVenueModel.leverage,
  marginMode: defaultVenueModel.marginMode,
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
    rule: venueModelRanges.startingBalance,
  },
  { field: 'makerFee', label: 'Maker fee', unit: 'fraction', rule: venueModelRanges.makerFee },
  { field: 'takerFee', label: 'Taker fee', unit: 'fraction', rule: venueModelRanges.takerFee },
  { field: 'slippageBps', label: 'Slippage', unit: 'bps', rule: venueModelRanges.slippageBps },
  {
    field: 'participationCap',
    label: 'Participation cap',
    unit: 'of bar volume',
    rule: venueModelRanges.participationCap,
  },
  { field: 'leverage', label: 'Leverage', unit: 'x', rule: venueModelRanges.leverage },
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
