// The store's tables as Kysely sees them. int8 columns read back as bigint on both drivers
// (open-store.ts sets the parsers); times are integer UTC milliseconds (`..._ms`).
import type { ColumnType } from 'kysely';
import type { MarketDataSchema } from './market-schema';
import type { RunRecordingSchema } from './recording-schema';

/** int8: written as bigint or number, read as bigint. */
type Int8 = ColumnType<bigint, bigint | number, bigint | number>;
/** jsonb: written as JSON text, read as parsed JSON. */
type Json = ColumnType<unknown, string, string>;

export interface JournalRunTable {
  run_id: string;
  created_at_ms: Int8;
  meta: Json;
}

/** Order events, fills and other trading events of a run, in order. */
export interface JournalRecordTable {
  run_id: string;
  /** Strictly increasing per run across records, accounts and transfers (gaps allowed). */
  seq: Int8;
  /** Idempotency key: the same record written twice is stored once. */
  record_id: string;
  kind: string;
  at_ms: Int8;
  payload: Json;
}

export interface LedgerAccountTable {
  run_id: string;
  account_id: string;
  seq: Int8;
  ledger: number;
  code: number;
  flags: number;
  created_at_ms: Int8;
}

export interface LedgerTransferTable {
  run_id: string;
  transfer_id: string;
  seq: Int8;
  debit_account_id: string;
  credit_account_id: string;
  amount: Int8;
  ledger: number;
  code: number;
  flags: number;
  event_id: string;
  at_ms: Int8;
}

export interface StoreSchema extends MarketDataSchema, RunRecordingSchema {
  journal_runs: JournalRunTable;
  journal_records: JournalRecordTable;
  ledger_accounts: LedgerAccountTable;
  ledger_transfers: LedgerTransferTable;
}
