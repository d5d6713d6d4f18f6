// Migration 0003-backtest-results: one row per stored backtest, written in a single insert (a
// cancelled or failed run writes nothing). Enough to reproduce it bit for bit: the patch itself
// and its version hash, the data's identity (file hashes or a query), the venue model; and what
// it gave: metrics, the summary (account, counts, bars) and the series (display equity, trades,
// fills, orders) as JSON.
import type { Kysely, Migration } from 'kysely';

export const backtestResults: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('backtest_results')
      .addColumn('result_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('patch_hash', 'text', (c) => c.notNull())
      .addColumn('patch', 'jsonb', (c) => c.notNull())
      .addColumn('data_identity', 'jsonb', (c) => c.notNull())
      .addColumn('config', 'jsonb', (c) => c.notNull())
      .addColumn('metrics', 'jsonb', (c) => c.notNull())
      .addColumn('summary', 'jsonb', (c) => c.notNull())
      .addColumn('series', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('backtest_results_created')
      .on('backtest_results')
      .columns(['created_at_ms', 'result_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('backtest_results').execute();
  },
};
