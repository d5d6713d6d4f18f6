// `patchdesk backtest` as a user runs it, whole process, over 1,000,000 and 10,000,000 one-minute
// bars streamed from a CSV file (the demo patch, taker fee, the per-bar equity written to
// --out DIR/equity.csv): peak memory (maxRSS of the child) must stay flat in the bar count, the
// issue-12 goal for long runs (no object per bar; display series downsampled). Fixtures are
// written to a temp folder from the bundled sample and removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt } from '../server/bin/build.js';
import { writeBarCsv } from './bar-csv-fixture';
import type { Bench, BenchResult } from './types';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const patchdesk = join(repoRoot, 'server/bin/patchdesk.js');
const reportMaxRss = fileURLToPath(new URL('./report-max-rss.cjs', import.meta.url));
const patch = join(repoRoot, 'patches/ema-cross-rsi.json');
const bigBars = Number(process.env.BACKTEST_MEMORY_BENCH_BARS ?? 10_000_000);

/** One `patchdesk backtest` child: wall time and peak RSS (from the preloaded reporter). */
function backtest(bars: string, out: string): { wallMs: number; maxRssMiB: number } {
  const startedAt = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--require', reportMaxRss, patchdesk, 'backtest', patch, '--bars', bars, '--out', out],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const wallMs = performance.now() - startedAt;
  if (child.status !== 0) {
    const how = child.signal ? `killed by ${child.signal}` : `exit ${child.status}`;
    throw new Error(`backtest failed (${how}): ${child.stderr || child.stdout}`);
  }
  const kib = Number(/max-rss-kib (\d+)/.exec(child.stderr)?.[1]);
  return { wallMs, maxRssMiB: kib / 1024 };
}

const bench: Bench = {
  name: 'backtest-memory',
  async run(): Promise<BenchResult[]> {
    await ensureServerBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-btmem-'));
    try {
      const small = join(dir, 'bars-1m.csv');
      writeBarCsv(small, 1_000_000);
      const base = backtest(small, join(dir, 'out-1m'));
      rmSync(small);
      const big = join(dir, 'bars-big.csv');
      writeBarCsv(big, bigBars);
      const measured = backtest(big, join(dir, 'out-big'));
      return [
        {
          name: `patchdesk backtest, ${bigBars.toLocaleString('en')} bars, peak RSS`,
          value: Math.round(measured.maxRssMiB),
          unit: 'MiB',
          baselineName: 'the same backtest over 1,000,000 bars',
          baselineValue: Math.round(base.maxRssMiB),
          ratio: measured.maxRssMiB / base.maxRssMiB,
          goal: 'issue 12: flat memory for a 10,000,000-bar backtest (ratio ~1)',
          notes:
            `\`node server/bin/patchdesk.js backtest patches/ema-cross-rsi.json --bars <csv> --out <dir>\`; ` +
            `${Math.round(bigBars / (measured.wallMs / 1_000))} bars/s whole process ` +
            `(${(measured.wallMs / 1_000).toFixed(1)} s; 1M bars: ${(base.wallMs / 1_000).toFixed(1)} s)`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
