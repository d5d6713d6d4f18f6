// End to end on a real RunManager: a paper run of the shipped ema-cross-rsi example over the
// bundled sample is recorded into the store, and its parity backtest is identical to it; a run
// hot-edited mid-way names the tick of the edit; a damaged recording gives a clear error. On
// PGlite always, and on PostgreSQL when DATABASE_URL is set (a schema of its own per store).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { storeTargets, targetRuns } from '../../store/test-stores';
import { RecordingError } from './read-recording';
import { newestRunId, parityPatchName, recordingSetup, runToEnd } from './testing';

const targets = storeTargets('parity');
const dirs: string[] = [];
afterAll(async () => {
  for (const target of targets) await target.cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(targets)('parity on $name', (target) => {
  const run = targetRuns(target) ? it : it.skip;

  run('a paper run over the sample is identical to its backtest', { timeout: 120_000 }, async () => {
    const store = await target.open();
    try {
      const { manager, recordings } = recordingSetup(store, dirs);
      await manager.start(parityPatchName, {
        mode: 'paper',
        barsPerTick: 10_000,
        venue: { takerFee: 0.0005 },
      });
      await runToEnd(manager);
      const report = await recordings.check(await newestRunId(store));
      expect(report.firstDivergence).toBeNull();
      expect(report).toMatchObject({ identical: true, recordingState: 'complete', edits: [] });
      expect(report.ticksRecorded).toBeGreaterThanOrEqual(4_320);
      expect(report.ticksReplayed).toBe(report.ticksRecorded);
      expect(report.fills.recorded).toBeGreaterThan(0);
      expect(report.fills).toMatchObject({ replayed: report.fills.recorded, differing: 0 });
      expect(report.verdict).toMatch(/^identical over \d+ ticks/);
      await manager.stopAll();
    } finally {
      await store.close();
    }
  });

  run('a run hot-edited mid-way reports the tick of the edit', { timeout: 120_000 }, async () => {
    const store = await target.open();
    try {
      const { manager, workingCopies, recordings } = recordingSetup(store, dirs);
      await manager.start(parityPatchName, { mode: 'paper', barsPerTick: 200 });
      await vi.waitFor(() => expect(manager.statusOf(parityPatchName).barsDelivered).toBeGreaterThan(1_000), {
        timeout: 30_000,
        interval: 20,
      });
      const edited = await workingCopies.applyEdits(parityPatchName, [
        { kind: 'setParam', moduleId: 'ema-fast', param: 'period', value: 5 },
      ]);
      expect(edited.ok).toBe(true);
      await runToEnd(manager);
      const report = await recordings.check(await newestRunId(store));
      expect(report.identical).toBe(false);
      expect(report.edits).toHaveLength(1);
      const [edit] = report.edits;
      expect(edit.tick).toBeGreaterThan(1_000);
      // the first tick the edited EMA runs is where the backtest (the version the run started
      // with) parts from it
      expect(report.firstDivergence).toMatchObject({
        kind: 'value',
        tick: edit.tick,
        moduleId: 'ema-fast',
        port: 'out',
      });
      expect(report.verdict).toContain(`hot-edited at tick ${edit.tick}`);
      await manager.stopAll();
    } finally {
      await store.close();
    }
  });

  run('a damaged recording gives a clear error naming where', { timeout: 120_000 }, async () => {
    const store = await target.open();
    try {
      const { manager, recordings } = recordingSetup(store, dirs);
      await manager.start(parityPatchName, { mode: 'paper', barsPerTick: 10_000 });
      await runToEnd(manager);
      const runId = await newestRunId(store);
      const row = await store.db
        .selectFrom('run_recording_chunks')
        .select(['body'])
        .where('run_id', '=', runId)
        .where('chunk_seq', '=', 2)
        .executeTakeFirstOrThrow();
      await store.db
        .updateTable('run_recording_chunks')
        .set({ body: row.body.slice(0, row.body.byteLength - 5) })
        .where('run_id', '=', runId)
        .where('chunk_seq', '=', 2)
        .execute();
      const failure = recordings.check(runId);
      await expect(failure).rejects.toThrow(RecordingError);
      await expect(recordings.check(runId)).rejects.toThrow(
        new RegExp(
          `^the recording of run "${runId}" is corrupt: chunk 2 \\(ticks 1200-1799\\): tick \\d+ of 600: the body ends at byte`,
        ),
      );
      await expect(recordings.check('nobody:here')).rejects.toThrow('no recording of run "nobody:here"');
      await manager.stopAll();
    } finally {
      await store.close();
    }
  });
});
