// `patchdesk backtest <patch.json> --bars <csv> [--funding <csv>] [--mark <csv>] [--capital N]
// [--taker-fee RATE] [--maker-fee RATE] [--slippage-bps N] [--leverage N] [--margin isolated|cross]
// [--json] [--out DIR] [--report FILE.html]`: a backtest on the simulated venue (see
// server/backtest/README.md for every convention). Bars are streamed from the file, so memory
// stays flat; the full equity series goes to DIR/equity.csv as the run goes. Instead of --bars,
// `--venue V --symbol S --timeframe TF [--from D] [--to D] [--data DIR]` backtests recorded
// history from the market store, read as BacktestHub reads it (recorded-option.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { blockingProblems } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { BarColumns } from '../../market/bar-columns';
import type { BacktestResult } from '../../backtest/backtest-result';
import { fillsCsv, metricsCsv, ordersCsv, tradesCsv, EquityCsvWriter } from '../../backtest/backtest-csv';
import { fileSha256 } from '../../backtest/data-identity';
import { backtestReportHtml } from '../../backtest/report-html';
import { BacktestError, runBacktest } from '../../backtest/runner';
import { contentHash } from '../../patches/patch-files';
import { venueModelOf } from '../../trading/session/paper-config';
import {
  addDataAndVenueOptions,
  venueModelInput,
  readSeriesOptions,
  type DataAndVenueOptions,
} from '../backtest-options';
import { BarsInput } from '../bars-input';
import { CliError } from '../cli-error';
import { loadPatchFile } from '../patch-file';
import {
  addRecordedOptions,
  readRecordedOption,
  recordedIdentityUsed,
  recordedQueryOf,
  type RecordedOptions,
} from '../recorded-option';
import { formatProblems } from '../problems';
import { LazyProgressBar } from '../progress-bar';
import { formatTable, writeErr, writeOut } from '../output';

interface BacktestCommandOptions extends DataAndVenueOptions, Omit<RecordedOptions, 'bars'> {
  json?: boolean;
  out?: string;
  report?: string;
}

export function registerBacktestCommand(program: Command): void {
  const command = program
    .command('backtest')
    .description(
      'backtest a patch on the simulated perpetual-futures venue: fills, fees, funding, trades, equity and ' +
        'metrics (conventions in server/backtest/README.md)',
    )
    .argument('<patch>', 'patch file (.json)');
  addRecordedOptions(addDataAndVenueOptions(command, { barsRequired: false }))
    .option('--json', 'print one JSON object on stdout: metrics, account, fills, trades, equity, ...')
    .option(
      '--out <dir>',
      'write fills.csv, trades.csv, orders.csv, metrics.csv and the per-bar equity.csv here',
    )
    .option('--report <file>', 'write a self-contained HTML report (charts, metrics, trades) to this file')
    .action((path: string, options: BacktestCommandOptions) => backtestCommand(path, options));
}

async function backtestCommand(path: string, options: BacktestCommandOptions): Promise<void> {
  const recordedQuery = recordedQueryOf(options);
  const model = venueModelInput(options);
  const resolved = venueModelOf(model);
  const registry = createBuiltinRegistry();
  const patch = await loadPatchFile(path);
  const blocking = blockingProblems(validatePatch(patch, registry));
  if (blocking.length > 0) {
    throw new CliError(`${path} cannot run (${blocking.length} problem(s)):\n${formatProblems(blocking)}`);
  }
  const symbol = resolved.market.symbol;
  const files = await readSeriesOptions(options, symbol);
  // Recorded history is read whole (the store read is bounded by recordedBarsMax); a file is
  // streamed. Read before --out is made, so an empty range leaves no empty folder behind.
  const recorded = recordedQuery ? await readRecordedOption(recordedQuery, options.data) : null;
  // The store's funding and marks unless a --funding / --mark file is given: the file wins.
  const funding = files.funding ?? recorded?.funding;
  const marks = files.marks ?? recorded?.marks;
  if (options.out) await mkdir(options.out, { recursive: true });
  const input = recorded ? null : new BarsInput(options.bars);
  await input?.open();
  const bars: BarColumns | AsyncIterable<BarColumns> = recorded ? recorded.bars : (input as BarsInput).bars();
  const equityCsv = options.out ? new EquityCsvWriter(join(options.out, 'equity.csv')) : null;
  const progress = new LazyProgressBar(
    input ? input.size : (recorded?.bars.length ?? 0),
    !options.json && process.stderr.isTTY === true,
  );
  const startedAtMs = performance.now();
  let result: BacktestResult;
  try {
    result = await runBacktest({
      patch,
      registry,
      bars,
      funding,
      marks,
      model,
      onBar: equityCsv?.add,
      onProgress: (p) => progress.update(input ? input.bytesRead : p.barsDone, p.barsDone),
    });
  } catch (error) {
    if (input?.failure) throw input.failure;
    if (error instanceof BacktestError) throw new CliError(error.message);
    throw error;
  } finally {
    progress.stop();
    equityCsv?.close();
  }
  if (input?.failure) throw input.failure;
  const elapsedMs = performance.now() - startedAtMs;

  const data = {
    // Recorded history: the query with the count and sha256 of the bars read, as the hub stores it.
    ...(recorded
      ? { recorded: recordedIdentityUsed(recorded.identity, options) }
      : { bars: { file: options.bars, sha256: await fileSha256(options.bars) } }),
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
      `bars ${recordedQuery ? recordedLabel(recordedQuery) : basename(options.bars)}${options.funding ? `, funding ${basename(options.funding)}` : ''}${options.mark ? `, marks ${basename(options.mark)}` : ''}`,
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

function recordedLabel(query: { venue: string; symbol: string; timeframe: string }): string {
  return `recorded ${query.venue} ${query.symbol} ${query.timeframe}`;
}

function iso(timeMs: number): string | null {
  return Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null;
}
