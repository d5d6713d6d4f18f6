// `patchdesk sweep <patch.json> --bars <csv> --param MODULE.PARAM=FROM:TO:STEP [--param ...]
// [--random N --seed S] [--objective METRIC] [--threads N] [--json] [--redis-url URL | --local]
// [--save]` (or recorded history instead of --bars: --venue --symbol --timeframe [--from --to --data])
// plus the venue options of `patchdesk backtest`: one backtest per param combination on worker
// threads, or on `patchdesk worker`s through the Redis queue when a Redis is given, ranked by
// the objective (server/backtest/README.md, "Sweeps and walk-forward").
import type { Command } from 'commander';
import { SweepQueueError } from '../../backtest/sweep/bullmq-sweep-queue';
import { runSweep, type SweepResult, type SweepRun } from '../../backtest/sweep/sweep';
import { storedConfigOf } from '../../backtest/sweep/sweep-jobs';
import { sweepOutcomeOf } from '../../backtest/sweep/sweep-outcome';
import { SweepResultsStore } from '../../backtest/sweep/sweep-results-store';
import { openMarketStore } from './import';
import { CliError } from '../cli-error';
import { formatTable, writeErr, writeOut } from '../output';
import { LazyProgressBar } from '../progress-bar';
import { sweepExecutorFor } from '../sweep-executor';
import { addSweepOptions, readSweepInput, type SweepCommandOptions, type SweepInput } from '../sweep-input';
import { interruptedError, interruptOnSignals } from '../interrupt';

const tableRowsMax = 20;

export function registerSweepCommand(program: Command): void {
  const command = program
    .command('sweep')
    .description('backtest a patch over a grid or random sample of 1-3 params, ranked by an objective metric')
    .argument('<patch>', 'patch file (.json)');
  addSweepOptions(command).action((path: string, options: SweepCommandOptions) =>
    sweepCommand(path, options),
  );
}

async function sweepCommand(path: string, options: SweepCommandOptions): Promise<void> {
  const input = await readSweepInput(path, options);
  const { executor, where } = await sweepExecutorFor(options, input.threads);
  const total = input.plan.paramSets.length;
  const progress = new LazyProgressBar(total, !options.json && process.stderr.isTTY === true, 'runs');
  const startedAtMs = performance.now();
  const interrupt = interruptOnSignals();
  let result;
  try {
    result = await runSweep({
      signal: interrupt.signal,
      patch: input.patch,
      plan: input.plan,
      data: input.data,
      model: input.model,
      executor,
      onProgress: (p) => progress.update(p.done, p.done),
    });
  } catch (error) {
    if (error instanceof SweepQueueError) throw new CliError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
    progress.stop();
    await executor.close();
  }
  if (interrupt.signal.aborted) throw interruptedError('sweep');
  const elapsedMs = performance.now() - startedAtMs;
  const resultId = options.save ? await saveSweep(input, result) : null;
  if (options.json) {
    writeOut(
      JSON.stringify({
        patch: input.patch.name,
        patchHash: input.patchHash,
        data: input.identity,
        config: input.model,
        objective: result.objective,
        search: input.plan.search,
        status: result.status,
        resultId,
        runs: result.runs.map(runJson),
        best: result.best ? { ...runJson(result.best), equity: result.best.result.equity } : null,
      }),
    );
    return;
  }
  const ranked = [...result.runs]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, tableRowsMax);
  const names = input.plan.ranges.map((r) => `${r.module}.${r.param}`);
  writeOut(
    formatTable([
      [...names, result.objective, 'return', 'sharpe', 'max dd', 'trades'],
      ...ranked.map((run) => [
        ...names.map((name) => String(run.params[name])),
        num(run.score),
        pct(run.result.metrics.totalReturn),
        num(run.result.metrics.sharpe),
        pct(run.result.metrics.maxDrawdown),
        String(run.result.metrics.trades ?? 0),
      ]),
    ]),
  );
  writeErr(
    `swept ${result.runs.length} backtests of ${input.data.bars.length} bars in ${(elapsedMs / 1_000).toFixed(2)} s ` +
      `on ${where}${result.runs.length > tableRowsMax ? ` (best ${tableRowsMax} shown)` : ''}`,
  );
}

/** A completed sweep stored with its patch, data identity and config; its id (null: not completed). */
async function saveSweep(input: SweepInput, result: SweepResult): Promise<string | null> {
  if (result.status !== 'completed') return null;
  const store = await openMarketStore(input.dataDir);
  try {
    const outcome = sweepOutcomeOf(
      { id: '', name: input.patch.name, search: input.plan.search },
      result,
      input.data.bars,
    );
    const id = await new SweepResultsStore(store).save({
      name: input.patch.name,
      patch: input.patch,
      patchHash: input.patchHash,
      data: input.identity,
      config: storedConfigOf(
        { params: input.plan.ranges, search: input.plan.search, objective: input.plan.objective },
        input.model,
      ),
      outcome,
      createdAtMs: Date.now(),
    });
    writeErr(`stored as sweep ${id} (patchdesk sweeps show ${id})`);
    return id;
  } finally {
    await store.close();
  }
}

function runJson(run: SweepRun) {
  return {
    index: run.index,
    params: run.params,
    score: Number.isFinite(run.score) ? run.score : null,
    metrics: run.result.metrics,
    account: run.result.account,
    counts: run.result.counts,
  };
}

export function pct(value: number | null): string {
  return value !== null && Number.isFinite(value) ? `${(value * 100).toFixed(2)} %` : '-';
}

export function num(value: number | null): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(3) : '-';
}
