// `patchdesk import <csv...> --venue <id> --symbol <symbol>`: loads market-data CSV files (bars,
// mark bars, funding, trades, quotes: the shapes in import-csv.ts) into the store that
// DATABASE_URL names, or the embedded one in --data (default PATCHDESK_DATA or ./data). Rows go
// in batches of one transaction each; a row already stored is kept as it is, so importing a
// file twice changes nothing. The first bad cell stops the import with its line and column (the
// batches before it are stored).
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { emptyRows, rowCount, writeMarketRows, type MarketRows } from '../../market/market-rows';
import { openStore, StoreOpenError, storeOptionsFromEnv, type Store } from '../../store/open-store';
import { CliError, exitCodes } from '../cli-error';
import { writeJson, writeOut } from '../output';
import { ImportCsvReader, timeframePattern } from './import-csv';
import { StepProgress } from './import-progress';

interface ImportOptions {
  venue: string;
  symbol: string;
  timeframe?: string;
  data?: string;
  json?: boolean;
}

const rowsPerBatch = 8_000;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9/:._-]{0,59}$/;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'load market-data CSV files (bars, mark bars, funding, trades, quotes) into the market store ' +
        '(PostgreSQL when DATABASE_URL is set, else the embedded store in --data)',
    )
    .argument('<csv...>', 'CSV files; the header says what each holds')
    .requiredOption('--venue <id>', 'venue the data is from, as a ccxt id (e.g. binanceusdm)')
    .requiredOption('--symbol <symbol>', "symbol in ccxt's unified form (e.g. XRP/USDT:USDT)")
    .option('--timeframe <tf>', 'bar timeframe (default: the gap between the first two bars)')
    .option('--data <dir>', 'embedded store folder (default: PATCHDESK_DATA or ./data)')
    .option('--json', 'print a JSON summary')
    .action((files: string[], options: ImportOptions) => importCommand(files, options));
}

export async function openMarketStore(dataDir: string | undefined): Promise<Store> {
  const options = storeOptionsFromEnv(process.env);
  try {
    return await openStore({ ...options, ...(dataDir ? { dataDir } : {}) });
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CliError(error.message);
    throw error;
  }
}

export function checkVenueAndSymbol(venue: string, symbol: string): void {
  if (!namePattern.test(venue)) throw new CliError(`--venue "${venue}" is not a venue id`, exitCodes.usage);
  if (!namePattern.test(symbol)) throw new CliError(`--symbol "${symbol}" is not a symbol`, exitCodes.usage);
}

async function importCommand(files: string[], options: ImportOptions): Promise<void> {
  checkVenueAndSymbol(options.venue, options.symbol);
  if (options.timeframe !== undefined && !timeframePattern.test(options.timeframe)) {
    throw new CliError(
      `--timeframe "${options.timeframe}" is not a timeframe such as 1m, 8h or 1d`,
      exitCodes.usage,
    );
  }
  for (const file of files) statSync(file); // a missing file fails before the store opens
  // Opened at the first write: a file bad from its first rows fails fast, without starting PGlite.
  const opened: { store: Promise<Store> | null } = { store: null };
  const store = (): Promise<Store> => (opened.store ??= openMarketStore(options.data));
  const summary: { file: string; shape: string; rows: number; timeframe: string | null }[] = [];
  try {
    for (const file of files) summary.push(await importFile(store, file, options));
  } finally {
    if (opened.store) await (await opened.store).close();
  }
  if (options.json) {
    writeJson({ store: opened.store ? (await opened.store).location : null, files: summary });
    return;
  }
  for (const item of summary) {
    const tf = item.timeframe ? ` ${item.timeframe}` : '';
    writeOut(`${item.file}: ${item.rows} ${item.shape}${tf} rows -> ${options.venue} ${options.symbol}`);
  }
}

async function importFile(
  store: () => Promise<Store>,
  file: string,
  options: ImportOptions,
): Promise<{ file: string; shape: string; rows: number; timeframe: string | null }> {
  const source = basename(file);
  const progress = new StepProgress(`import ${source}`, statSync(file).size, 'rows');
  const stream = createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let reader: ImportCsvReader | null = null;
  let rows: MarketRows = emptyRows();
  try {
    for await (const line of lines) {
      if (reader === null) {
        if (line.trim() === '') throw new CliError(`${source} line 1: the header is empty`);
        reader = new ImportCsvReader(source, line.replace(/^\uFEFF/, ''), {
          venue: options.venue,
          symbol: options.symbol,
          timeframe: options.timeframe ?? null,
        });
        continue;
      }
      reader.add(line, rows);
      // A bars file's first row learns its timeframe from the second: never flush before it.
      if (rowCount(rows) >= rowsPerBatch) {
        await writeMarketRows((await store()).db, rows);
        rows = emptyRows();
        progress.update(stream.bytesRead, reader.rowsRead);
      }
    }
    if (reader === null) throw new CliError(`${source}: the file is empty`);
    reader.finish();
    if (rowCount(rows) > 0) await writeMarketRows((await store()).db, rows);
  } finally {
    progress.stop();
    lines.close();
    stream.destroy();
  }
  return { file: source, shape: reader.shape, rows: reader.rowsRead, timeframe: reader.timeframe };
}
