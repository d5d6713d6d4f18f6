// Versioned migrations, listed here in order (no file-system scanning, so a bundled or
// relocated server finds them). Each runs once, in a transaction, recorded by Kysely's Migrator
// in kysely_migration. Never edit a released migration: add the next one.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { backtestResults } from './0003-backtest-results';
import { sweepResults } from './0006-sweep-results';
import { runRecordings } from './0004-run-recordings';
import { marketTickersOpenInterest } from './0005-market-tickers-open-interest';
import { runRecordingTapes } from './0007-run-recording-tapes';
import { marketDataMigration } from './market-data-migration';

const journalAndLedger: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('journal_runs')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('meta', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('journal_records')
      .addColumn('run_id', 'text', (c) => c.notNull().references('journal_runs.run_id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('journal_records_pk', ['run_id', 'seq'])
      .addUniqueConstraint('journal_records_record_id', ['run_id', 'record_id'])
      .execute();
    await db.schema
      .createTable('ledger_accounts')
      .addColumn('run_id', 'text', (c) => c.notNull().references('journal_runs.run_id'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('ledger', 'integer', (c) => c.notNull().check(sql`ledger > 0`))
      .addColumn('code', 'integer', (c) => c.notNull().check(sql`code > 0`))
      .addColumn('flags', 'integer', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_accounts_pk', ['run_id', 'account_id'])
      .execute();
    await db.schema
      .createTable('ledger_transfers')
      .addColumn('run_id', 'text', (c) => c.notNull().references('journal_runs.run_id'))
      .addColumn('transfer_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('debit_account_id', 'text', (c) => c.notNull())
      .addColumn('credit_account_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('ledger', 'integer', (c) => c.notNull())
      .addColumn('code', 'integer', (c) => c.notNull())
      .addColumn('flags', 'integer', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_transfers_pk', ['run_id', 'transfer_id'])
      .addCheckConstraint('ledger_transfers_different_accounts', sql`debit_account_id <> credit_account_id`)
      .execute();
    await db.schema
      .createIndex('ledger_transfers_seq')
      .on('ledger_transfers')
      .columns(['run_id', 'seq'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['ledger_transfers', 'ledger_accounts', 'journal_records', 'journal_runs']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** Name -> migration; names sort in the order they must run. */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-journal-and-ledger': journalAndLedger,
  '0002-market-data': marketDataMigration,
  '0003-backtest-results': backtestResults,
  '0004-run-recordings': runRecordings,
  '0005-market-tickers-open-interest': marketTickersOpenInterest,
  '0006-sweep-results': sweepResults,
  '0007-run-recording-tapes': runRecordingTapes,
});

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
