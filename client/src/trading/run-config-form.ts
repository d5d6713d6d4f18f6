// The run controls' choices as typed (strings in fields) and the RunConfig they make: replay or
// paper, bars per tick, and the paper venue's starting balance, taker fee and leverage. A field
// left empty takes the server's default; a field out of range says why and blocks Run. The
// market streams (venue and symbol rows) go in as listed; a row half filled or twice blocks Run.
import type { MarketStreamRef, PaperVenueModel, RunConfig } from '@patchdesk/modules/contracts/hubs';
import { defaultVenueModel, venueModelRanges } from '@patchdesk/modules/contracts/venue-model';

/**
 * The paper venue's defaults (modules/contracts/venue-model.ts, the schema the server checks
 * with), shown as placeholders; the fee in basis points, as the field takes it.
 */
export const paperDefaults = {
  startingBalance: defaultVenueModel.startingBalance,
  takerFeeBps: Math.round(defaultVenueModel.takerFee * 10_000 * 1e6) / 1e6,
  leverage: defaultVenueModel.leverage,
} as const;

/** Bars per 100 ms tick a run may ask for (10,000 bars a second at most). */
export const barsPerTickMax = 1000;

export type RunMode = 'replay' | 'paper';

export interface RunConfigForm {
  mode: RunMode;
  barsPerTick: string;
  startingBalance: string;
  /** Basis points, as traders quote fees (5 = 0.05 %); the venue model takes a fraction. */
  takerFeeBps: string;
  leverage: string;
  /** The market streams, in order: a source's `stream` param is an index into this list. */
  streams: MarketStreamRef[];
}

export type RunConfigField = Exclude<keyof RunConfigForm, 'mode' | 'streams'>;

/** Streams a run may read (server/engine/market-streams.ts `runStreamsMax`). */
export const runStreamsMax = 32;

export const emptyRunConfigForm: RunConfigForm = {
  mode: 'replay',
  barsPerTick: '',
  startingBalance: '',
  takerFeeBps: '',
  leverage: '',
  streams: [],
};

export interface RunConfigResult {
  config: RunConfig;
  /** Why a field cannot be used, by field ('streams': the first stream row's); empty when Run may go. */
  problems: Partial<Record<RunConfigField | 'streams', string>>;
  /** Why each stream row cannot be used, by row index. */
  streamProblems: Record<number, string>;
}

/** The problem of each stream row: a venue or symbol missing, or the pair listed twice. */
export function streamRowProblems(streams: readonly MarketStreamRef[]): Record<number, string> {
  const problems: Record<number, string> = {};
  const seen = new Set<string>();
  streams.forEach((stream, index) => {
    if (stream.venue === '') problems[index] = 'needs a venue';
    else if (stream.symbol === '') problems[index] = 'needs a symbol';
    else {
      const key = `${stream.venue} ${stream.symbol}`;
      if (seen.has(key)) problems[index] = `${stream.venue} · ${stream.symbol} is listed twice`;
      seen.add(key);
    }
  });
  return problems;
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Whether `min` itself is allowed. */
  minIncluded?: boolean;
}

/** The number a field holds, undefined when empty, or the reason it is not usable. */
export function readNumber(text: string, rule: NumberRule): number | undefined | { problem: string } {
  const trimmed = text.trim().replaceAll(',', '');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { problem: `"${text}" is not a number` };
  if (rule.integer && !Number.isInteger(value)) return { problem: `${value} is not a whole number` };
  const belowMin = rule.minIncluded === false ? value <= rule.min : value < rule.min;
  if (belowMin || value > rule.max) {
    const low = rule.minIncluded === false ? `above ${rule.min}` : `at least ${rule.min}`;
    return { problem: `must be ${low} and at most ${rule.max.toLocaleString('en-US')}` };
  }
  return value;
}

/** A fraction range as the basis points a person types (0.01 = 100 bps). */
function inBps(range: NumberRule): NumberRule {
  return {
    ...range,
    min: Math.round(range.min * 10_000 * 1e6) / 1e6,
    max: Math.round(range.max * 10_000 * 1e6) / 1e6,
  };
}

// The venue fields' limits are the schema's own (venueModelRanges), so the form cannot drift.
const rules: Record<RunConfigField, NumberRule> = {
  barsPerTick: { min: 1, max: barsPerTickMax, integer: true },
  startingBalance: venueModelRanges.startingBalance,
  takerFeeBps: inBps(venueModelRanges.takerFee),
  leverage: venueModelRanges.leverage,
};

/** The RunConfig for StateHub.start, starting from the editor's base config (dataset, loop). */
export function runConfigOf(form: RunConfigForm, base: RunConfig): RunConfigResult {
  const problems: RunConfigResult['problems'] = {};
  const values: Partial<Record<RunConfigField, number>> = {};
  const fields: RunConfigField[] =
    form.mode === 'paper' ? ['barsPerTick', 'startingBalance', 'takerFeeBps', 'leverage'] : ['barsPerTick'];
  for (const field of fields) {
    const read = readNumber(form[field], rules[field]);
    if (typeof read === 'object') problems[field] = read.problem;
    else if (read !== undefined) values[field] = read;
  }
  const streamProblems = streamRowProblems(form.streams);
  const firstRow = Object.keys(streamProblems).map(Number)[0];
  if (firstRow !== undefined) problems.streams = `row ${firstRow + 1} ${streamProblems[firstRow]}`;
  else if (form.streams.length > runStreamsMax) problems.streams = `are at most ${runStreamsMax}`;
  // A replay leaves `mode` out: the server's default, and what servers before paper mode accept.
  const config: RunConfig = { ...base };
  // No streams leaves `streams` out, as before the field existed.
  if (form.streams.length > 0) config.streams = form.streams.map(({ venue, symbol }) => ({ venue, symbol }));
  if (values.barsPerTick !== undefined) config.barsPerTick = values.barsPerTick;
  if (form.mode === 'paper') {
    // A paper run never loops: the simulated venue cannot go back in time.
    config.mode = 'paper';
    config.loop = false;
    const venue: PaperVenueModel = {};
    if (values.startingBalance !== undefined) venue.startingBalance = values.startingBalance;
    // Basis points to a fraction, rounded to 1e-8 so 5 bps is exactly 0.0005 on the wire.
    if (values.takerFeeBps !== undefined) venue.takerFee = Math.round(values.takerFeeBps * 1e4) / 1e8;
    if (values.leverage !== undefined) venue.leverage = values.leverage;
    config.venue = venue;
  }
  return { config, problems, streamProblems };
}

/** The first problem, as Run's tooltip says it; null when there is none. */
export function runConfigBlockedReason(problems: RunConfigResult['problems']): string | null {
  const labels: Record<RunConfigField | 'streams', string> = {
    barsPerTick: 'Bars per tick',
    startingBalance: 'Starting balance',
    takerFeeBps: 'Taker fee',
    leverage: 'Leverage',
    streams: 'Market streams',
  };
  const first = (Object.keys(problems) as (RunConfigField | 'streams')[])[0];
  return first ? `${labels[first]} ${problems[first]}` : null;
}
