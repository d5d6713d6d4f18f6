// Migration 0006-sweep-results: one row per stored sweep, written in a single insert (a
// cancelled or failed sweep writes nothing). Enough to run any row again: the patch and its
// version hash, the data's identity (file hashes or a query), the sweep's config (params,
// search, objective, venue model); and what it gave: the outcome (rows of params, objective
// value and key metrics, the best row) as JSON, and a small summary (objective, runs, best) that
// a list reads instead of every outcome.
import type { Kysely, Migration } from 'kysely';

export const sweepResults: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sweep_results')
      .addColumn('sweep_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('patch_hash', 'text', (c) => c.notNull())
      .addColumn('patch', 'jsonb', (c) => c.notNull())
      .addColumn('data_identity', 'jsonb', (c) => c.notNull())
      .addColumn('config', 'jsonb', (c) => c.notNull())
      .addColumn('summary', 'jsonb', (c) => c.notNull())
      .addColumn('outcome', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sweep_results_created')
      .on('sweep_results')
      .columns(['created_at_ms', 'sweep_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('sweep_results').execute();
  },
};
