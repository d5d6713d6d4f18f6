// Migration 0007-run-recording-tapes: the market tape of a paper run that read market streams
// (server/engine/market-tape.ts), saved with its recording when the run ends, so the parity
// backtest can write into its feed exactly what the run's bridge applied, tick by tick.
// - run_recording_tapes: one row per taped run: how many ticks the tape holds and whether it
//   was truncated (it stopped at its bound; parity past that tick cannot be checked).
// - run_recording_tape_segments: the tape in order, a bounded number of ticks per row (JSON:
//   per tick the staleness-clock reading and its event count, then the events).
import type { Kysely, Migration } from 'kysely';

export const runRecordingTapes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('run_recording_tapes')
      .addColumn('run_id', 'text', (c) => c.primaryKey().references('run_recordings.run_id'))
      .addColumn('ticks', 'bigint', (c) => c.notNull())
      .addColumn('truncated', 'boolean', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('run_recording_tape_segments')
      .addColumn('run_id', 'text', (c) => c.notNull().references('run_recording_tapes.run_id'))
      .addColumn('segment_seq', 'integer', (c) => c.notNull())
      .addColumn('first_tick', 'bigint', (c) => c.notNull())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_recording_tape_segments_pk', ['run_id', 'segment_seq'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['run_recording_tape_segments', 'run_recording_tapes']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
