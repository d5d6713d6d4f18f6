// `patchdesk datasets [--data DIR] [--json]`: what recorded history the market store holds (the
// store DATABASE_URL names, or the embedded one in --data): one row per venue, symbol and
// timeframe of trade-price bars with its first and last open time and count, the same list the
// editor's "Recorded history" picker shows (listStoredDatasets), so a user can see what
// `patchdesk backtest --venue ... --symbol ... --timeframe ...` can run on.
import type { Command } from 'commander';
import { listStoredDatasets, storedDatasetsMax } from '../../market/stored-datasets';
import { formatTable, writeErr, writeJson, writeOut } from '../output';
import { openMarketStore } from './import';

interface DatasetsOptions {
  data?: string;
  json?: boolean;
}

export function registerDatasetsCommand(program: Command): void {
  program
    .command('datasets')
    .description(
      'list the recorded bar series in the market store (what backtest --venue/--symbol/--timeframe can read)',
    )
    .option('--data <dir>', 'embedded store folder (default: PATCHDESK_DATA or ./data)')
    .option('--json', 'print a JSON array: venue, symbol, timeframe, firstMs, lastMs, count')
    .action((options: DatasetsOptions) => datasetsCommand(options));
}

async function datasetsCommand(options: DatasetsOptions): Promise<void> {
  const store = await openMarketStore(options.data);
  let datasets;
  try {
    datasets = await listStoredDatasets(store);
  } finally {
    await store.close();
  }
  if (options.json) {
    writeJson(datasets);
    return;
  }
  if (datasets.length === 0) {
    writeErr('the market store holds no bars (load some with patchdesk import or patchdesk fetch)');
    return;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  writeOut(
    formatTable([
      ['venue', 'symbol', 'timeframe', 'first', 'last', 'bars'],
      ...datasets.map((d) => [
        d.venue,
        d.symbol,
        d.timeframe,
        iso(d.firstMs),
        iso(d.lastMs),
        String(d.count),
      ]),
    ]),
  );
  if (datasets.length === storedDatasetsMax) writeErr(`(the first ${storedDatasetsMax} series only)`);
}
