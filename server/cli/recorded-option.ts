// The "recorded history" input of `patchdesk backtest`: --venue, --symbol, --timeframe and an
// optional [--from, --to) range, read from the market store (--data, or DATABASE_URL) by the
// same function BacktestHub uses (server/backtest/recorded-data.ts), so the CLI and the hub run
// on the same bars and report the same data identity. Mutually exclusive with --bars.
import type { Command } from 'commander';
import type { BarColumns } from '../market/bar-columns';
import { readRecordedBars, RecordedDataRefusal, type RecordedQuery } from '../backtest/recorded-data';
import type { FundingPoint, MarkPoint } from '../trading/session/trading-session';
import { timeframePattern } from './commands/import-csv';
import { checkVenueAndSymbol, openMarketStore } from './commands/import';
import { CliError, exitCodes } from './cli-error';

export interface RecordedOptions {
  bars?: string;
  venue?: string;
  symbol?: string;
  timeframe?: string;
  from?: string;
  to?: string;
  data?: string;
}

/** The latest time a JavaScript Date can hold: "--to" left out means "to the end of the series". */
const endOfTimeMs = 8.64e15;

export function addRecordedOptions(command: Command): Command {
  return command
    .option('--venue <id>', 'recorded history instead of --bars: venue id in the market store')
    .option('--symbol <symbol>', 'recorded history: symbol (e.g. BTC/USDT:USDT)')
    .option('--timeframe <tf>', 'recorded history: bar timeframe (e.g. 1m)')
    .option(
      '--from <date>',
      'recorded history: first bar open time, ISO-8601 UTC (default: the first stored)',
    )
    .option('--to <date>', 'recorded history: bars opening before this time, ISO-8601 UTC (default: all)')
    .option('--data <dir>', 'recorded history: embedded store folder (default: PATCHDESK_DATA or ./data)');
}

const recordedFlags = ['venue', 'symbol', 'timeframe', 'from', 'to', 'data'] as const;

/**
 * The recorded query the flags ask for, or null when the bars come from --bars. Usage errors name
 * the flag: both inputs given, neither, or a recorded flag missing or malformed.
 */
export function recordedQueryOf(options: RecordedOptions): RecordedQuery | null {
  const given = recordedFlags.filter((flag) => options[flag] !== undefined);
  if (options.bars !== undefined) {
    if (given.length > 0)
      throw usage(`--bars and --${given[0]} cannot be used together (a file or recorded history)`);
    return null;
  }
  if (given.length === 0) {
    throw usage('give --bars <file>, or --venue, --symbol and --timeframe for recorded history');
  }
  for (const flag of ['venue', 'symbol', 'timeframe'] as const) {
    if (options[flag] === undefined) throw usage(`--${flag} is required for recorded history`);
  }
  const venue = options.venue as string;
  const symbol = options.symbol as string;
  const timeframe = options.timeframe as string;
  checkVenueAndSymbol(venue, symbol);
  if (!timeframePattern.test(timeframe)) {
    throw usage(`--timeframe "${timeframe}" is not a timeframe such as 1m, 8h or 1d`);
  }
  const fromMs = options.from === undefined ? 0 : parseDate(options.from, '--from');
  const toMs = options.to === undefined ? endOfTimeMs : parseDate(options.to, '--to');
  if (!(fromMs < toMs)) throw usage(`--from ${options.from ?? ''} must be before --to ${options.to ?? ''}`);
  return { venue, symbol, timeframe, fromMs, toMs };
}

export interface RecordedOption {
  bars: BarColumns;
  funding?: FundingPoint[];
  marks?: MarkPoint[];
  identity: Record<string, unknown>;
}

/**
 * The query's bars, with the stored funding and mark series when there are any, and their
 * identity (query, counts, sha256s), read as the hub reads them.
 */
export async function readRecordedOption(
  query: RecordedQuery,
  dataDir: string | undefined,
): Promise<RecordedOption> {
  const store = await openMarketStore(dataDir);
  try {
    const { data, ...series } = await readRecordedBars(store, query);
    if (data.kind !== 'query') throw new Error('recorded bars without a query identity');
    return { ...series, identity: data.query };
  } catch (error) {
    if (error instanceof RecordedDataRefusal) throw new CliError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/** The recorded identity without the store series a --funding / --mark file replaced. */
export function recordedIdentityUsed(
  identity: Record<string, unknown>,
  files: { funding?: string; mark?: string },
): Record<string, unknown> {
  const { funding, marks, ...rest } = identity;
  return {
    ...rest,
    ...(funding !== undefined && !files.funding ? { funding } : {}),
    ...(marks !== undefined && !files.mark ? { marks } : {}),
  };
}

/** A UTC date (2024-01-31) or date-time (2024-01-31T12:00, seconds and Z optional) as epoch ms. */
export function parseDate(text: string, flag: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)Z?)?$/.exec(text.trim());
  // A time without Z would be read as local time by Date.parse: always UTC here.
  const ms = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}Z`) : Number.NaN;
  if (!Number.isFinite(ms))
    throw usage(`${flag} "${text}" is not a UTC date such as 2024-01-31 or 2024-01-31T12:00Z`);
  return ms;
}

function usage(message: string): CliError {
  return new CliError(message, exitCodes.usage);
}
