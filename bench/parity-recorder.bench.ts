// The run recorder's cost (server/backtest/parity): a paper run of ema-cross-rsi at 1,000 bars
// per tick with the recorder on (every output port of every kernel tick into the tick codec,
// chunks written to PGlite on disk between ticks by its own writer) against the same paper run
// without it, alternating twice in one process (the better of each pair is kept). Reported: the
// wall tick time ratio, the recorder's own time per kernel tick, bytes allocated per wall tick,
// and bytes stored per kernel tick. Bars: the sample repeated with real epoch-ms times.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { RecordingStore } from '../server/backtest/parity/recording-store';
import { RecordingWriter } from '../server/backtest/parity/recording-writer';
import { RunRecorder } from '../server/backtest/parity/run-recorder';
import { ManualClockDriver } from '../server/engine/manual-clock-driver';
import { Run } from '../server/engine/run';
import type { BarColumns } from '../server/market/bar-columns';
import { readBarCsvFile } from '../server/market/bar-csv';
import { openStore, type Store } from '../server/store/open-store';
import { venueModelOf } from '../server/trading/session/paper-config';
import { TradingSession } from '../server/trading/session/trading-session';
import { writeBarCsv } from './bar-csv-fixture';
import { AllocationWindows } from './new-space';
import type { Bench, BenchResult } from './types';

const barsPerTick = 1_000;
const ticks = 100;
const tickIntervalMs = 100;

function examplePatch(): Patch {
  const text = readFileSync(new URL('../patches/ema-cross-rsi.json', import.meta.url), 'utf8');
  const parsed = parsePatchJson(text);
  if (!parsed.ok) throw new Error('ema-cross-rsi.json does not parse');
  return parsed.patch;
}

interface Figures {
  meanMs: number;
  bytesPerTick: number;
  recorderNsPerKernelTick: number;
  storedBytesPerKernelTick: number;
  kernelTicks: number;
}

async function measure(bars: BarColumns, store: Store | null, round: number): Promise<Figures> {
  const registry = createBuiltinRegistry();
  const driver = new ManualClockDriver(Date.now());
  const session = new TradingSession({ model: venueModelOf({}), runKey: 'bench' });
  const run = new Run({
    patch: examplePatch(),
    registry,
    bars,
    driver,
    pacing: { kind: 'live', barsPerTick, loop: false },
    trading: session,
  });
  let recorder: RunRecorder | null = null;
  let writer: RecordingWriter | null = null;
  if (store) {
    const recordings = new RecordingStore(store.db);
    const runId = `bench:${Date.now().toString(36)}-${round}`;
    await recordings.create({
      runId,
      patchName: 'bench',
      patchHash: 'bench',
      patch: {},
      config: { venue: {}, runKey: 'bench', tickIntervalMs, barIntervalMs: 60_000 },
      createdAtMs: Date.now(),
    });
    writer = new RecordingWriter(recordings.sinkFor(runId));
    const sink = writer;
    recorder = new RunRecorder({
      run,
      registry,
      writer: sink,
      onBrokerEvent: (listener) => session.broker.onEvent(listener),
    });
  }
  void run.start();
  const times: number[] = [];
  const allocation = new AllocationWindows();
  for (let tick = 0; tick < ticks && run.running; tick++) {
    allocation.begin();
    const started = performance.now();
    driver.advanceBy(tickIntervalMs);
    times.push(performance.now() - started);
    allocation.end(1);
    // the writer's turn between ticks, as the live clock leaves it
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (run.running) run.stop('bench done');
  await recorder?.finish('bench done');
  const warm = times.slice(5);
  const kernelTicks = recorder?.ticksRecorded ?? 0;
  return {
    meanMs: warm.reduce((sum, ms) => sum + ms, 0) / warm.length,
    bytesPerTick: allocation.median(),
    recorderNsPerKernelTick: (recorder?.meanTickCostMs ?? 0) * 1e6,
    storedBytesPerKernelTick: kernelTicks ? (writer?.written.bytes ?? 0) / kernelTicks : 0,
    kernelTicks,
  };
}

const bench: Bench = {
  name: 'parity-recorder',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'patchdesk-parity-bench-'));
    const store = await openStore({ dataDir: join(dir, 'db') });
    try {
      const csv = join(dir, 'bars.csv');
      writeBarCsv(csv, barsPerTick * ticks);
      const bars = await readBarCsvFile(csv);
      const plain: Figures[] = [];
      const recorded: Figures[] = [];
      for (let round = 0; round < 2; round++) {
        plain.push(await measure(bars, null, round));
        recorded.push(await measure(bars, store, round));
      }
      const best = (list: Figures[]) => list.reduce((a, b) => (b.meanMs < a.meanMs ? b : a));
      const base = best(plain);
      const with_ = best(recorded);
      return [
        {
          name: `paper run, ${barsPerTick} bars/tick, recorder on (PGlite): mean tick`,
          value: with_.meanMs,
          unit: 'ms',
          baselineName: 'same paper run, no recorder',
          baselineValue: base.meanMs,
          ratio: with_.meanMs / base.meanMs,
          goal: '<= 1.5x',
          notes:
            `recorder ${with_.recorderNsPerKernelTick.toFixed(0)} ns per kernel tick (${with_.kernelTicks} ticks), ` +
            `${Math.round(with_.bytesPerTick)} B allocated per wall tick (no recorder ${Math.round(base.bytesPerTick)}), ` +
            `${with_.storedBytesPerKernelTick.toFixed(1)} B stored per kernel tick`,
        },
      ];
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
