// Parity of a paper run that read market streams: a real RunManager with run recordings and an
// in-process market bus (trades published by hand while the run goes, on a hand-set staleness
// clock) records the run's market tape with it; the parity backtest replays the tape and is
// identical. One taped trade altered in the store makes parity name the first tick, module and
// port that differ; a truncated or missing tape gives "cannot check", not a false divergence.
// On PGlite always, and on PostgreSQL when DATABASE_URL is set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { Patch } from '@patchdesk/modules/patch/types';
import { RunManager } from '../../engine/run-manager';
import { bundledPaths } from '../../main/paths';
import { InProcessBus } from '../../market/bus/in-process-bus';
import { DatasetCatalog } from '../../market/dataset-catalog';
import { PatchStore } from '../../patches/patch-store';
import { WorkingCopies } from '../../patches/working-copies';
import type { Store } from '../../store/open-store';
import { storeTargets, targetRuns } from '../../store/test-stores';
import { RecordingStore } from './recording-store';
import { RunRecordings } from './run-recordings';

const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const patch: Patch = {
  schemaVersion: 1,
  name: 'streams',
  description: '',
  modules: [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: 'okxTrades', type: 'sources/trades', params: { stream: 0 }, position: { x: 0, y: 100 } },
    { id: 'okxState', type: 'sources/market-state', params: { stream: 0 }, position: { x: 0, y: 200 } },
    { id: 'ema', type: 'indicators/ema', params: { period: 3 }, position: { x: 200, y: 100 } },
  ],
  cables: [{ from: { module: 'okxTrades', port: 'price' }, to: { module: 'ema', port: 'in' } }],
};

const targets = storeTargets('paritymkt');
const dirs: string[] = [];
afterAll(async () => {
  for (const target of targets) await target.cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function setup(store: Store) {
  const logger = pino({ level: 'silent' });
  const registry = createBuiltinRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-paritymkt-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'streams.json'), JSON.stringify(patch));
  const recordings = new RunRecordings({ get: () => Promise.resolve(store) }, registry, logger);
  const bus = new InProcessBus();
  let nowMs = 1_800_000_000_000;
  const manager = new RunManager({
    workingCopies: new WorkingCopies({ store: new PatchStore(dir), registry, logger }),
    registry,
    logger,
    datasets: new DatasetCatalog({ samplePath: bundledPaths.sampleBars, dataDirs: [], logger }),
    recordings,
    marketBus: bus,
    now: () => nowMs,
  });
  return { manager, recordings, bus, clock: { now: () => nowMs, advance: (ms: number) => (nowMs += ms) } };
}

/** Runs a paper run with trades published while it goes (a silence long enough to go stale); its run id. */
async function recordStreamRun(store: Store) {
  const { manager, recordings, bus, clock } = setup(store);
  await manager.start('streams', { mode: 'paper', barsPerTick: 150, streams: [okx] });
  let id = 0;
  for (let step = 0; manager.isRunning('streams'); step++) {
    // steps 20-40: nothing arrives and the clock runs on, so the stream turns stale
    if (step < 20 || step > 40) {
      bus.publish({
        ...okx,
        kind: 'trade',
        exchangeTimeMs: clock.now() - 3,
        receivedAtMs: clock.now(),
        tradeId: String(++id),
        price: 50_000 + ((step * 37) % 101) / 4,
        amount: 0.01 * (1 + (step % 5)),
        side: step % 2 === 0 ? 'buy' : 'sell',
        sideFrom: 'venue',
      });
    }
    clock.advance(step > 20 && step < 40 ? 1_000 : 20);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  await manager.journalsClosed();
  await manager.stopAll();
  const [newest] = await new RecordingStore(store.db).list(1, 'streams');
  return { runId: newest.runId, recordings, published: id };
}

describe.each(targets)('parity of a run on market streams, on $name', (target) => {
  const run = targetRuns(target) ? it : it.skip;

  run(
    'replays the saved tape: identical; an altered taped trade names its tick, module and port',
    { timeout: 120_000 },
    async () => {
      const store = await target.open();
      try {
        const { runId, recordings, published } = await recordStreamRun(store);
        const saved = await new RecordingStore(store.db).readTape(runId, 10_000);
        expect(saved?.truncated).toBe(false);
        const tape = saved!.tape;
        // every trade published went onto the tape, and the tape has a tick for each recorded one
        expect(tape.events).toHaveLength(published);
        const report = await recordings.check(runId);
        expect(report.firstDivergence).toBeNull();
        expect(report.verdict).toMatch(/^identical over \d+ ticks/);
        expect(report).toMatchObject({ identical: true, recordingState: 'complete' });
        expect(report.ticksRecorded).toBe(tape.ticks);
        expect(report.ticksReplayed).toBe(tape.ticks);

        // alter the last trade of the first tick with trades: the tick's newest price changes
        const row = await store.db
          .selectFrom('run_recording_tape_segments')
          .select(['body'])
          .where('run_id', '=', runId)
          .where('segment_seq', '=', 0)
          .executeTakeFirstOrThrow();
        const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as {
          counts: number[];
          events: { price: number }[];
        };
        const tick = body.counts.findIndex((count) => count > 0);
        const last = body.counts.slice(0, tick + 1).reduce((sum, count) => sum + count, 0) - 1;
        const recordedPrice = body.events[last].price;
        body.events[last].price = recordedPrice + 1;
        await store.db
          .updateTable('run_recording_tape_segments')
          .set({ body: JSON.stringify(body) })
          .where('run_id', '=', runId)
          .where('segment_seq', '=', 0)
          .execute();
        const altered = await recordings.check(runId);
        expect(altered.identical).toBe(false);
        expect(altered.firstDivergence).toMatchObject({
          kind: 'value',
          tick,
          moduleId: 'okxTrades',
          port: 'price',
          recorded: String(recordedPrice),
          replayed: String(recordedPrice + 1),
        });
        expect(altered.verdict).toContain(`diverges at tick ${tick}`);
      } finally {
        await store.close();
      }
    },
  );

  run('a truncated or missing tape cannot be checked, and says so', { timeout: 120_000 }, async () => {
    const store = await target.open();
    try {
      const { runId, recordings } = await recordStreamRun(store);
      const ticks = Number(
        (
          await store.db
            .selectFrom('run_recording_tapes')
            .select(['ticks'])
            .where('run_id', '=', runId)
            .executeTakeFirstOrThrow()
        ).ticks,
      );
      await store.db
        .updateTable('run_recording_tapes')
        .set({ truncated: true })
        .where('run_id', '=', runId)
        .execute();
      const truncated = await recordings.check(runId);
      expect(truncated).toMatchObject({ identical: false, firstDivergence: null, ticksReplayed: 0 });
      expect(truncated.verdict).toBe(
        `cannot check: the tape was truncated at tick ${ticks} (the run's market data passed its bound)`,
      );
      await store.db.deleteFrom('run_recording_tape_segments').where('run_id', '=', runId).execute();
      await store.db.deleteFrom('run_recording_tapes').where('run_id', '=', runId).execute();
      const missing = await recordings.check(runId);
      expect(missing.identical).toBe(false);
      expect(missing.verdict).toBe(
        'cannot check: the run read market streams but its market tape was not saved (the run did not end cleanly)',
      );
    } finally {
      await store.close();
    }
  });
});
