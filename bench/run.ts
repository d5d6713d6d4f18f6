// `npm run bench [filter]`: runs every bench/*.bench.ts in sequence (or those whose name
// contains the filter), prints a table on stderr and the results as JSON on stdout and in
// artifacts/bench.json. Re-spawns itself with --expose-gc so heap figures are taken after a
// full collection.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './types';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');

interface BenchOutcome {
  bench: string;
  results: BenchResult[];
  error?: string;
}

function respawnWithGc(): never {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, PATCHDESK_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

async function loadBenches(): Promise<Bench[]> {
  const files = readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const loaded = (await import(pathToFileURL(join(benchDir, file)).href)) as { default?: Bench };
    if (!loaded.default || typeof loaded.default.run !== 'function') {
      throw new Error(`bench/${file}: must \`export default\` a Bench ({ name, run })`);
    }
    benches.push(loaded.default);
  }
  return benches;
}

function table(outcomes: readonly BenchOutcome[]): string {
  const rows = [['bench', 'result', 'value', 'baseline', 'ratio', 'goal']];
  for (const outcome of outcomes) {
    if (outcome.error) rows.push([outcome.bench, 'FAILED', outcome.error.split('\n')[0], '', '', '']);
    for (const r of outcome.results) {
      rows.push([
        outcome.bench,
        r.name,
        `${format(r.value)} ${r.unit}`,
        `${r.baselineName}: ${format(r.baselineValue)} ${r.unit}`,
        `${format(r.ratio)}x`,
        r.goal,
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n');
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

async function main(): Promise<void> {
  if (typeof globalThis.gc !== 'function' && process.env.PATCHDESK_BENCH_CHILD !== '1') respawnWithGc();
  const filter = process.argv[2] ?? '';
  const benches = (await loadBenches()).filter((bench) => bench.name.includes(filter));
  const outcomes: BenchOutcome[] = [];
  for (const bench of benches) {
    process.stderr.write(`bench ${bench.name} ...\n`);
    try {
      outcomes.push({ bench: bench.name, results: await bench.run() });
    } catch (error) {
      outcomes.push({
        bench: bench.name,
        results: [],
        error: error instanceof Error ? error.stack : String(error),
      });
      process.exitCode = 1;
    }
  }
  process.stderr.write(`\n${table(outcomes)}\n\n`);
  for (const outcome of outcomes)
    if (outcome.error) process.stderr.write(`${outcome.bench}: ${outcome.error}\n`);
  const report = {
    node: process.version,
    gcExposed: typeof globalThis.gc === 'function',
    filter,
    outcomes,
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync(join(repoRoot, 'artifacts'), { recursive: true });
  writeFileSync(join(repoRoot, 'artifacts', 'bench.json'), `${json}\n`);
  process.stdout.write(`${json}\n`);
}

await main();
