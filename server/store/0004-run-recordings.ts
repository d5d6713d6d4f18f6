// Migration 0004-run-recordings: what a paper run delivered and produced, tick by tick, so a
// backtest can re-run the same patch version on exactly those events (server/backtest/parity).
// - run_recordings: one row per run: the patch it started with (and its hash), the venue model
//   and clock settings the backtest must reuse, and how the recording ended.
// - run_recording_chunks: the ticks in order, a few hundred per row, in the compact tick codec
//   (server/backtest/parity/tick-codec.ts); `ports` names the output ports the body's values
//   follow (a hot edit that changes them starts a new chunk).
// - run_recording_events: orders, fills and hot edits, each with the tick it happened on.
import type { Kysely, Migration } from 'kysely';

export const runRecordings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('run_recordings')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('patch_name', 'text', (c) => c.notNull())
      .addColumn('patch_hash', 'text', (c) => c.notNull())
      .addColumn('patch', 'jsonb', (c) => c.notNull())
      .addColumn('config', 'jsonb', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('ticks', 'bigint', (c) => c.notNull())
      .addColumn('ended_reason', 'text')
      .execute();
    await db.schema
      .createTable('run_recording_chunks')
      .addColumn('run_id', 'text', (c) => c.notNull().references('run_recordings.run_id'))
      .addColumn('chunk_seq', 'integer', (c) => c.notNull())
      .addColumn('first_tick', 'bigint', (c) => c.notNull())
      .addColumn('tick_count', 'integer', (c) => c.notNull())
      .addColumn('ports', 'jsonb', (c) => c.notNull())
      .addColumn('body', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_recording_chunks_pk', ['run_id', 'chunk_seq'])
      .execute();
    await db.schema
      .createTable('run_recording_events')
      .addColumn('run_id', 'text', (c) => c.notNull().references('run_recordings.run_id'))
      .addColumn('event_seq', 'integer', (c) => c.notNull())
      .addColumn('tick', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_recording_events_pk', ['run_id', 'event_seq'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['run_recording_events', 'run_recording_chunks', 'run_recordings']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
