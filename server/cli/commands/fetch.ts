// `patchdesk fetch <venue> <symbol> <timeframe> --since <date>`: backfills candles, and mark-price
// candles and funding rates where the venue has them in ccxt, into the market store (PostgreSQL
// when DATABASE_URL is set, else the embedded store in --data). Resumes after the newest stored
// row of each series; an interrupted run says where it stopped and the next run carries on.
import type { Command } from 'commander';
import type { Exchange } from 'ccxt';
import { createCcxtExchange } from '../../venues/ccxt-connector';
import { quirksOf } from '../../venues/registry';
import { venueConfigSchema } from '../../venues/venue-config';
import { CliError, exitCodes } from '../cli-error';
import { writeJson, writeOut } from '../output';
import { backfill, BackfillError, type SeriesKind, type SeriesResult } from './fetch-history';
import { checkVenueAndSymbol, openMarketStore } from './import';
import { timeframePattern } from './import-csv';
import { StepProgress } from './import-progress';

interface FetchOptions {
  since: string;
  until?: string;
  baseUrl?: string;
  data?: string;
  pageLimit: string;
  json?: boolean;
}

export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description(
      'backfill candles (and mark-price candles and funding rates where the venue has them) through ccxt ' +
        'into the market store, resuming after what is stored',
    )
    .argument('<venue>', 'ccxt venue id (e.g. binanceusdm)')
    .argument('<symbol>', "symbol in ccxt's unified form (e.g. BTC/USDT:USDT)")
    .argument('<timeframe>', 'candle timeframe (e.g. 1m, 1h, 1d)')
    .requiredOption('--since <date>', 'start, ISO-8601 UTC (2024-01-01 or 2024-01-01T08:00:00Z)')
    .option('--until <date>', 'end (exclusive), ISO-8601 UTC (default: now)')
    .option('--base-url <url>', "the venue's REST API at another address (a proxy, a mirror, a test server)")
    .option('--data <dir>', 'embedded store folder (default: PATCHDESK_DATA or ./data)')
    .option('--page-limit <n>', 'rows asked for per request', '1000')
    .option('--json', 'print a JSON summary')
    .action((venue: string, symbol: string, timeframe: string, options: FetchOptions) =>
      fetchCommand(venue, symbol, timeframe, options),
    );
}

function parseDate(text: string, flag: string): number {
  const iso = /^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : text;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(iso)
    ? Date.parse(iso)
    : Number.NaN;
  if (!Number.isFinite(ms))
    throw new CliError(`${flag} "${text}" is not an ISO-8601 UTC date`, exitCodes.usage);
  return ms;
}

async function fetchCommand(
  venue: string,
  symbol: string,
  timeframe: string,
  options: FetchOptions,
): Promise<void> {
  checkVenueAndSymbol(venue, symbol);
  if (!quirksOf(venue))
    throw new CliError(`unknown venue "${venue}" (see server/venues/README.md)`, exitCodes.usage);
  if (!timeframePattern.test(timeframe)) {
    throw new CliError(`timeframe "${timeframe}" is not a timeframe such as 1m, 1h or 1d`, exitCodes.usage);
  }
  const sinceMs = parseDate(options.since, '--since');
  const untilMs = options.until === undefined ? Date.now() : parseDate(options.until, '--until');
  if (untilMs <= sinceMs) throw new CliError('--until must be after --since', exitCodes.usage);
  const pageLimit = Number(options.pageLimit);
  if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > 5_000) {
    throw new CliError('--page-limit must be a whole number from 1 to 5000', exitCodes.usage);
  }
  const config = venueConfigSchema.safeParse({
    venue,
    ...(options.baseUrl ? { baseUrl: { rest: options.baseUrl } } : {}),
  });
  if (!config.success) {
    const issue = config.error.issues[0];
    throw new CliError(`--base-url: ${issue.message}`, exitCodes.usage);
  }
  const exchange = createCcxtExchange(config.data);
  try {
    await loadMarket(exchange, venue, symbol, timeframe);
    const store = await openMarketStore(options.data);
    const bars = new Map<SeriesKind, StepProgress>();
    let results: SeriesResult[];
    try {
      results = await backfill(
        exchange,
        store,
        { venue, symbol, timeframe, sinceMs, untilMs, pageLimit },
        (series, doneMs, rows) => {
          let bar = bars.get(series);
          if (!bar) {
            for (const other of bars.values()) other.stop();
            bar = new StepProgress(`fetch ${series}`, untilMs - sinceMs, 'rows');
            bars.set(series, bar);
          }
          bar.update(Math.min(untilMs, doneMs) - sinceMs, rows);
        },
      );
    } catch (error) {
      if (error instanceof BackfillError) {
        throw new CliError(
          `fetch ${venue} ${symbol} ${error.series} stopped at ${new Date(error.stoppedAtMs).toISOString()} ` +
            `after ${error.rows} rows: ${error.message}; run the same command again to resume`,
        );
      }
      throw error;
    } finally {
      for (const bar of bars.values()) bar.stop();
      await store.close();
    }
    report(venue, symbol, timeframe, results, options.json === true);
  } finally {
    await exchange.close();
  }
}

async function loadMarket(
  exchange: Exchange,
  venue: string,
  symbol: string,
  timeframe: string,
): Promise<void> {
  try {
    await exchange.loadMarkets();
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CliError(`${venue}: cannot load markets: ${text.replace(/https?:\/\/\S+/g, '<url>')}`);
  }
  const markets = exchange.markets ?? {};
  if (!(symbol in markets)) {
    const some = Object.keys(markets).slice(0, 3).join(', ');
    throw new CliError(`${venue} has no market "${symbol}" (for example: ${some})`, exitCodes.usage);
  }
  const timeframes = exchange.timeframes as Record<string, unknown> | undefined;
  if (timeframes && !(timeframe in timeframes)) {
    throw new CliError(
      `${venue} has no ${timeframe} candles (it has ${Object.keys(timeframes).join(', ')})`,
      exitCodes.usage,
    );
  }
}

function report(
  venue: string,
  symbol: string,
  timeframe: string,
  results: SeriesResult[],
  json: boolean,
): void {
  if (json) {
    writeJson({ venue, symbol, timeframe, series: results });
    return;
  }
  for (const result of results) {
    if (result.skipped) {
      writeOut(`${result.series}: skipped (${result.skipped})`);
      continue;
    }
    const from = result.fromMs === null ? '' : ` from ${new Date(result.fromMs).toISOString()}`;
    writeOut(`${result.series}: ${result.rows} rows in ${result.pages} requests${from}`);
  }
}
