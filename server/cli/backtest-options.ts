// The data and venue options that `patchdesk backtest`, `sweep` and `walkforward` share: the
// bars, funding and mark files and the venue model flags, declared once, checked by the same
// schema the hubs use, with errors that name the flag.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseFundingCsv, parseMarkCsv, SeriesCsvError } from '../backtest/series-csv';
import { checkBoundedFile } from '../files/bounded-file';
import { venueModelOf, venueModelSchema, type VenueModelInput } from '../trading/session/paper-config';
import type { FundingPoint, MarkPoint } from '../trading/session/trading-session';
import { CliError, exitCodes } from './cli-error';

const seriesFileMaxBytes = 256 * 1024 * 1024;

export interface DataAndVenueOptions {
  /** Required unless the command takes recorded history instead (backtest). */
  bars: string;
  funding?: string;
  mark?: string;
  capital?: string;
  takerFee?: string;
  makerFee?: string;
  slippageBps?: string;
  leverage?: string;
  margin?: string;
}

export function addDataAndVenueOptions(command: Command, { barsRequired = true } = {}): Command {
  const barsHelp = 'bars CSV: a header with time,open,high,low,close,volume, or Binance klines';
  // backtest also takes recorded history (--venue ...), so it checks --bars itself.
  if (barsRequired) command.requiredOption('--bars <file>', barsHelp);
  else command.option('--bars <file>', barsHelp);
  return command
    .option('--funding <file>', 'funding CSV: time and rate columns (Binance funding history works as is)')
    .option('--mark <file>', 'mark price CSV: time and price columns (or mark klines: their open)')
    .option('--capital <n>', 'starting balance in USDT (default 10000)')
    .option('--taker-fee <rate>', 'taker fee as a fraction, 0.0005 = 5 bps (default 0.0005)')
    .option('--maker-fee <rate>', 'maker fee as a fraction (default 0.0002)')
    .option('--slippage-bps <n>', 'slippage of taker fills in basis points (default 1)')
    .option('--leverage <n>', 'leverage, an integer (default 10)')
    .option('--margin <mode>', 'isolated or cross (default cross)');
}

/** The venue model from the flags, checked by the same schema the hubs use; errors name the flag. */
export function venueModelInput(options: DataAndVenueOptions): VenueModelInput {
  const flags: [keyof VenueModelInput, string, string | undefined][] = [
    ['startingBalance', '--capital', options.capital],
    ['takerFee', '--taker-fee', options.takerFee],
    ['makerFee', '--maker-fee', options.makerFee],
    ['slippageBps', '--slippage-bps', options.slippageBps],
    ['leverage', '--leverage', options.leverage],
  ];
  const input: Record<string, unknown> = {};
  for (const [key, flag, text] of flags) {
    if (text === undefined) continue;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw usage(`${flag} ${text}: not a number`);
    input[key] = value;
  }
  if (options.margin !== undefined) input.marginMode = options.margin;
  const parsed = venueModelSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    const flag = key === 'marginMode' ? '--margin' : (flags.find(([k]) => k === key)?.[1] ?? key);
    throw usage(`${flag}: ${issue.message}`);
  }
  try {
    venueModelOf(parsed.data);
  } catch (error) {
    throw usage((error as Error).message);
  }
  return parsed.data;
}

/** The --funding and --mark series (undefined when not given), for the model's symbol. */
export async function readSeriesOptions(
  options: DataAndVenueOptions,
  symbol: string,
): Promise<{ funding?: FundingPoint[]; marks?: MarkPoint[] }> {
  const funding = options.funding;
  const mark = options.mark;
  const fundingText = funding ? await readSeries(funding, '--funding') : '';
  const markText = mark ? await readSeries(mark, '--mark') : '';
  return {
    funding: funding ? parseSeries(() => parseFundingCsv(fundingText, funding, symbol)) : undefined,
    marks: mark ? parseSeries(() => parseMarkCsv(markText, mark, symbol)) : undefined,
  };
}

async function readSeries(path: string, flag: string): Promise<string> {
  await checkBoundedFile(path, { maxBytes: seriesFileMaxBytes, label: `${flag} file '${basename(path)}'` });
  return readFile(path, 'utf8');
}

function parseSeries<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SeriesCsvError) throw new CliError(error.message);
    throw error;
  }
}

export function usage(message: string): CliError {
  return new CliError(message, exitCodes.usage);
}
