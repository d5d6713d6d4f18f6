// `patchdesk backtest <patch.json> --bars <csv> [--funding <csv>] [--mark <csv>] [--capital N]
// [--taker-fee RATE] [--maker-fee RATE] [--slippage-bps N] [--leverage N] [--margin isolated|cross]
// [--json] [--out DIR] [--report FILE.html]`: a backtest on the simulated venue (see
// server/backtest/README.md for every convention). Bars are streamed from the file, so memory
// stays flat; the full equity series goes to DIR/equity.csv as the run goes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { blockingProblems } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { BacktestResult } from '../../backtest/backtest-result';
import { fillsCsv, metricsCsv, ordersCsv, tradesCsv, EquityCsvWriter } from '../../backtest/backtest-csv';
import { fileSha256 } from '../../backtest/data-identity';
import { backtestReportHtml } from '../../backtest/report-html';
import { BacktestError, runBacktest } from '../../backtest/runner';
import { parseFundingCsv, parseMarkCsv, SeriesCsvError } from '../../backtest/series-csv';
import { checkBoundedFile } from '../../files/bounded-file';
import { contentHash } from '../../patches/patch-files';
import { venueModelOf, venueModelSchema, type VenueModelInput } from '../../trading/session/paper-config';
import { BarsInput } from '../bars-input';
import { CliError, exitCodes } from '../cli-error';
import { loadPatchFile } from '../patch-file';
import { formatProblems } from '../problems';
import { LazyProgressBar } from '../progress-bar';
import { formatTable, writeErr, writeOut } from '../output';

const seriesFileMaxBytes = 256 * 1024 * 1024;

interface BacktestCommandOptions {
  bars: string;
  funding?: string;
  mark?: string;
  capital?: string;
  takerFee?: string;
  makerFee?: string;
  slippageBps?: string;
  leverage?: string;
  margin?: string;
  json?: boolean;
  out?: string;
  report?: string;
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description(
      'backtest a patch on the simulated perpetual-futures venue: fills, fees, funding, trades, equity and ' +
        'metrics (conventions in server/backtest/README.md)',
    )
    .argument('<patch>', 'patch file (.json)')
    .requiredOption(
      '--bars <file>',
      'bars CSV: a header with time,open,high,low,close,volume, or Binance klines',
    )
    .option('--funding <file>', 'funding CSV: time and rate columns (Binance funding history works as is)')
    .option('--mark <file>', 'mark price CSV: time and price columns (or mark klines: their open)')
    .option('--capital <n>', 'starting balance in USDT (default 10000)')
    .option('--taker-fee <rate>', 'taker fee as a fraction, 0.0005 = 5 bps (default 0.0005)')
    .option('--maker-fee <rate>', 'maker fee as a fraction (default 0.0002)')
    .option('--slippage-bps <n>', 'slippage of taker fills in basis points (default 1)')
    .option('--leverage <n>', 'leverage, an integer (default 10)')
    .option('--margin <mode>', 'isolated or cross (default cross)')
    .option('--json', 'print one JSON object on stdout: metrics, account, fills, trades, equity, ...')
    .option(
      '--out <dir>',
      'write fills.csv, trades.csv, orders.csv, metrics.csv and the per-bar equity.csv here',
    )
    .option('--report <file>', 'write a self-contained HTML report (charts, metrics, trades) to this file')
    .action((path: string, options: BacktestCommandOptions) => backtestCommand(path, options));
}

async function backtestCommand(path: string, options: BacktestCommandOptions): Promise<void> {
  const model = venueModelInput(options);
  const resolved = venueModelOf(model);
  const registry = createBuiltinRegistry();
  const patch = await loadPatchFile(path);
  const blocking = blockingProblems(validatePatch(patch, registry));
  if (blocking.length > 0) {
    throw new CliError(`${path} cannot run (${blocking.length} problem(s)):\n${formatProblems(blocking)}`);
  }
  const symbol = resolved.market.symbol;
  const fundingText = options.funding ? await readSeries(options.funding, '--funding') : '';
  const markText = options.mark ? await readSeries(options.mark, '--mark') : '';
  const funding = options.funding
    ? parseSeries(() => parseFundingCsv(fundingText, options.funding ?? '', symbol))
    : undefined;
  const marks = options.mark
    ? parseSeries(() => parseMarkCsv(markText, options.mark ?? '', symbol))
    : undefined;
  if (options.out) await mkdir(options.out, { recursive: true });

  const input = new BarsInput(options.bars);
  await input.open();
  const equityCsv = options.out ? new EquityCsvWriter(join(options.out, 'equity.csv')) : null;
  const progress = new LazyProgressBar(input.size, !options.json && process.stderr.isTTY === true);
  const startedAtMs = performance.now();
  let result: BacktestResult;
  try {
    result = await runBacktest({
      patch,
      registry,
      bars: input.bars(),
      funding,
      marks,
      model,
      onBar: equityCsv?.add,
      onProgress: (p) => progress.update(input.bytesRead, p.barsDone),
    });
  } catch (error) {
    if (input.failure) throw input.failure;
    if (error instanceof BacktestError) throw new CliError(error.message);
    throw error;
  } finally {
    progress.stop();
    equityCsv?.close();
  }
  if (input.failure) throw input.failure;
  const elapsedMs = performance.now() - startedAtMs;

  const data = {
    bars: { file: options.bars, sha256: await fileSha256(options.bars) },
    funding: options.funding ? { file: options.funding, sha256: await fileSha256(options.funding) } : null,
    mark: options.mark ? { file: options.mark, sha256: await fileSha256(options.mark) } : null,
  };
  const summary = {
    patch: patch.name,
    patchHash: contentHash(patch),
    data,
    config: { ...model, symbol },
    status: result.status,
    bars: { ...result.bars, from: iso(result.bars.firstTimeMs), to: iso(result.bars.lastTimeMs) },
    metrics: result.metrics,
    account: result.account,
    counts: result.counts,
    fills: result.fills,
    trades: result.trades,
    orders: result.orders,
    equity: result.equity,
  };
  if (options.out) {
    await writeFile(join(options.out, 'fills.csv'), fillsCsv(result));
    await writeFile(join(options.out, 'trades.csv'), tradesCsv(result));
    await writeFile(join(options.out, 'orders.csv'), ordersCsv(result));
    await writeFile(join(options.out, 'metrics.csv'), metricsCsv(result));
    await writeFile(join(options.out, 'result.json'), JSON.stringify(summary));
  }
  if (options.report) {
    const details = [
      `patch ${basename(path)} (${patch.name}), sha256 ${summary.patchHash.slice(0, 12)}`,
      `bars ${basename(options.bars)}${options.funding ? `, funding ${basename(options.funding)}` : ''}${options.mark ? `, marks ${basename(options.mark)}` : ''}`,
      `${symbol}: capital ${resolved.startingBalance}, taker ${resolved.market.takerFeeRate}, maker ${resolved.market.makerFeeRate}, ` +
        `slippage ${resolved.slippageBps} bps, leverage ${resolved.leverage}x ${resolved.marginMode}`,
    ];
    await writeFile(
      options.report,
      backtestReportHtml(result, { title: `Backtest: ${patch.name}`, details }),
    );
  }
  if (options.json) {
    writeOut(JSON.stringify(summary));
    return;
  }
  const m = result.metrics;
  const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)} %` : '-');
  const num = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
  writeOut(
    formatTable([
      ['total return', pct(m.totalReturn), 'buy and hold', pct(m.buyAndHoldReturn)],
      ['sharpe', num(m.sharpe), 'sortino', num(m.sortino)],
      ['max drawdown', pct(m.maxDrawdown), 'trades', String(m.trades)],
      ['win rate', pct(m.winRate), 'profit factor', num(m.profitFactor)],
      ['fees', num(m.fees), 'funding (net)', num(m.fundingReceived - m.fundingPaid)],
      ['equity', num(result.account.equity), 'liquidations', String(m.liquidations)],
    ]),
  );
  writeErr(
    `backtested ${result.bars.count} bars in ${(elapsedMs / 1_000).toFixed(2)} s: ${result.counts.fills} fills, ` +
      `${result.counts.trades} trades${options.out ? ` -> ${options.out}` : ''}${options.report ? ` report -> ${options.report}` : ''}`,
  );
}

/** The venue model from the flags, checked by the same schema the hubs use; errors name the flag. */
function venueModelInput(options: BacktestCommandOptions): VenueModelInput {
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

function usage(message: string): CliError {
  return new CliError(message, exitCodes.usage);
}

function iso(timeMs: number): string | null {
  return Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null;
}
