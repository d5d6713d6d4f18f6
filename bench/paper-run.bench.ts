// A paper run at 1,000 bars per tick with its journal on: the tick time (kernel + simulated
// venue + ledger + journal appends, everything the 10 Hz clock waits for) against the same
// patch replayed without trading, alongside in one process. The journal writes to PGlite on
// disk (and to PostgreSQL when DATABASE_URL is set) between ticks, as the live clock leaves it
// 100 ms to do; that flush time is reported too (it must stay well under the tick interval).
// Bars: the bundled sample repeated with real epoch-millisecond times (bar-csv-fixture.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { readBarCsvFile } from '../server/market/bar-csv';
import type { BarColumns } from '../server/market/bar-columns';
import { ManualClockDriver } from '../server/engine/manual-clock-driver';
import { Run } from '../server/engine/run';
import { openStore, type Store } from '../server/store/open-store';
import { JournalStore } from '../server/trading/journal/journal-store';
import { JournalWriter } from '../server/trading/journal/journal-writer';
import { venueModelOf } from '../server/trading/session/paper-config';
import { TradingSession } from '../server/trading/session/trading-session';
import { writeBarCsv } from './bar-csv-fixture';
import { AllocationWindows } from './new-space';
import type { Bench, BenchResult } from './types';

const barsPerTick = 1_000;
const ticks = 200;
const tickIntervalMs = 100;

function examplePatch(): Patch {
  const text = readFileSync(new URL('../patches/atr-breakout.json', import.meta.url), 'utf8');
  const parsed = parsePatchJson(text);
  if (!parsed.ok) throw new Error('atr-breakout.json does not parse');
  return parsed.patch;
}

interface TickFigures {
  meanMs: number;
  cpuMeanMs: number;
  p99Ms: number;
  maxMs: number;
  bytesPerTick: number;
  flushMeanMs: number;
  fills: number;
}

async function measure(bars: BarColumns, store: Store | null): Promise<TickFigures> {
  const registry = createBuiltinRegistry();
  const driver = new ManualClockDriver(Date.now());
  let journal: JournalWriter | null = null;
  let session: TradingSession | null = null;
  if (store) {
    const journalStore = new JournalStore(store.db);
    const runId = `bench-${Date.now().toString(36)}`;
    await journalStore.ensureRun(runId, Date.now(), {});
    journal = new JournalWriter(journalStore.sinkFor(runId), { nextSeq: 1 });
    session = new TradingSession({ model: venueModelOf({}), runKey: 'bench', journal });
  }
  const run = new Run({
    patch: examplePatch(),
    registry,
    bars,
    driver,
    pacing: { kind: 'live', barsPerTick, loop: false },
    ...(session ? { trading: session } : {}),
  });
  void run.start();
  const times: number[] = [];
  // CPU time of the tick (the process's, all threads): on a loaded machine wall time mostly
  // measures waiting for a core, so before/after comparisons read this figure.
  const cpuTimes: number[] = [];
  const flushes: number[] = [];
  const allocation = new AllocationWindows();
  for (let tick = 0; tick < ticks && run.running; tick++) {
    allocation.begin();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    driver.advanceBy(tickIntervalMs);
    const cpu = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    allocation.end(1);
    if (journal) {
      const flushStarted = performance.now();
      await journal.flush();
      flushes.push(performance.now() - flushStarted);
    }
  }
  if (run.running) run.stop('bench done');
  await journal?.close();
  const warm = times.slice(5).sort((a, b) => a - b);
  const warmCpu = cpuTimes.slice(5);
  return {
    meanMs: warm.reduce((sum, ms) => sum + ms, 0) / warm.length,
    cpuMeanMs: warmCpu.reduce((sum, ms) => sum + ms, 0) / warmCpu.length,
    p99Ms: warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.99))],
    maxMs: warm[warm.length - 1],
    bytesPerTick: allocation.median(),
    flushMeanMs: flushes.length ? flushes.reduce((sum, ms) => sum + ms, 0) / flushes.length : 0,
    fills: session?.records.fillCount ?? 0,
  };
}

async function storesToTry(dir: string): Promise<{ label: string; store: Store }[]> {
  const stores = [{ label: 'PGlite', store: await openStore({ dataDir: join(dir, 'db') }) }];
  if (process.env.DATABASE_URL) {
    const schema = `bench_paper_${process.pid}`;
    stores.push({
      label: 'PostgreSQL',
      store: await openStore({ databaseUrl: process.env.DATABASE_URL, schema }),
    });
  }
  return stores;
}

const bench: Bench = {
  name: 'paper-run',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'patchdesk-paper-bench-'));
    try {
      const csv = join(dir, 'bars.csv');
      writeBarCsv(csv, barsPerTick * ticks);
      const bars = await readBarCsvFile(csv);
      const replay = await measure(bars, null);
      const results: BenchResult[] = [];
      for (const { label, store } of await storesToTry(dir)) {
        try {
          const paper = await measure(bars, store);
          results.push({
            name: `paper run, ${barsPerTick} bars/tick, journal on ${label}: max tick`,
            value: paper.maxMs,
            unit: 'ms',
            baselineName: 'same patch replayed without trading, max tick',
            baselineValue: replay.maxMs,
            ratio: paper.maxMs / replay.maxMs,
            goal: '< 10 ms',
            notes:
              `mean ${paper.meanMs.toFixed(2)} ms (replay ${replay.meanMs.toFixed(2)}), ` +
              `CPU ${paper.cpuMeanMs.toFixed(2)} ms a tick (replay ${replay.cpuMeanMs.toFixed(2)}), p99 ${paper.p99Ms.toFixed(2)} ms, ` +
              `${Math.round(paper.bytesPerTick)} B/tick allocated (replay ${Math.round(replay.bytesPerTick)}), ` +
              `journal flush between ticks ${paper.flushMeanMs.toFixed(1)} ms mean, ${paper.fills} fills`,
          });
        } finally {
          await store.close();
        }
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
