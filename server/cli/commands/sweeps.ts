// `patchdesk sweeps list [--limit N]`, `patchdesk sweeps show <id>`, `patchdesk sweeps delete
// <id>` (each with [--data DIR] [--json]): the sweeps stored by `patchdesk sweep --save` and by
// the editor's sweeps (BacktestHub), in the store DATABASE_URL names or the embedded one.
import type { Command } from 'commander';
import { SweepResultsStore, sweepListLimitMax } from '../../backtest/sweep/sweep-results-store';
import { CliError, exitCodes } from '../cli-error';
import { formatTable, writeErr, writeJson, writeOut } from '../output';
import { openMarketStore } from './import';
import { num, pct } from './sweep';

interface SweepsOptions {
  data?: string;
  json?: boolean;
  limit?: string;
}

export function registerSweepsCommand(program: Command): void {
  const sweeps = program.command('sweeps').description('list, show or delete stored sweeps');
  const common = (command: Command) =>
    command
      .option('--data <dir>', 'embedded store folder (default: PATCHDESK_DATA or ./data)')
      .option('--json', 'print JSON');
  common(sweeps.command('list').description('stored sweeps, newest first'))
    .option('--limit <n>', `at most this many (1-${sweepListLimitMax}, default 100)`)
    .action((options: SweepsOptions) => withStore(options, (store) => list(store, options)));
  common(sweeps.command('show').description('one stored sweep: its config, data and rows'))
    .argument('<id>', 'the sweep id (from sweeps list)')
    .action((id: string, options: SweepsOptions) => withStore(options, (store) => show(store, id, options)));
  common(sweeps.command('delete').description('delete a stored sweep'))
    .argument('<id>', 'the sweep id')
    .action((id: string, options: SweepsOptions) =>
      withStore(options, async (store) => {
        if (!(await store.delete(id))) throw new CliError(`no stored sweep ${id}`);
        if (options.json) writeJson({ deleted: id });
        else writeErr(`deleted sweep ${id}`);
      }),
    );
}

async function withStore(options: SweepsOptions, work: (store: SweepResultsStore) => Promise<void>) {
  const store = await openMarketStore(options.data);
  try {
    await work(new SweepResultsStore(store));
  } finally {
    await store.close();
  }
}

async function list(store: SweepResultsStore, options: SweepsOptions): Promise<void> {
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > sweepListLimitMax) {
    throw new CliError(
      `--limit ${options.limit}: must be a whole number from 1 to ${sweepListLimitMax}`,
      exitCodes.usage,
    );
  }
  const items = await store.list(limit);
  if (options.json) {
    writeJson(items);
    return;
  }
  if (items.length === 0) {
    writeErr('no stored sweeps (store one with patchdesk sweep --save)');
    return;
  }
  writeOut(
    formatTable([
      ['id', 'name', 'stored', 'runs', 'objective', 'best', 'best params'],
      ...items.map((item) => [
        item.id,
        item.name,
        new Date(item.createdAtMs).toISOString(),
        String(item.runs),
        item.objective,
        num(item.best?.value ?? null),
        item.best
          ? Object.entries(item.best.params)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')
          : '-',
      ]),
    ]),
  );
}

async function show(store: SweepResultsStore, id: string, options: SweepsOptions): Promise<void> {
  const stored = await store.open(id);
  if (!stored) throw new CliError(`no stored sweep ${id}`);
  if (options.json) {
    writeJson(stored);
    return;
  }
  const { outcome } = stored;
  const names = outcome.ranges.map((r) => `${r.module}.${r.param}`);
  writeOut(
    formatTable([
      [...names, outcome.objective, 'return', 'sharpe', 'max dd', 'trades'],
      ...outcome.rows.map((row) => [
        ...names.map((name) => String(row.params[name])),
        num(row.value),
        pct(row.metrics.totalReturn),
        num(row.metrics.sharpe),
        pct(row.metrics.maxDrawdown),
        String(row.metrics.trades ?? 0),
      ]),
    ]),
  );
  writeErr(
    `sweep ${id}: ${stored.name}, ${outcome.rows.length} runs over ${outcome.bars.count} bars, data ${JSON.stringify(stored.data)}`,
  );
}
