// What the journal holds, in one sequence per run: trading records (order events, trading
// events with the positions they left) and the ledger's accounts and transfers. Entries are
// appended in groups; a group (an event and the transfers that book it) is written in one
// transaction, so a crash never leaves a fill without its money or the other way round.
import type { AccountSpec, Transfer } from '../ledger/ledger-types';

export interface JournalRecordEntry {
  type: 'record';
  /** Idempotency key, unique per run. */
  recordId: string;
  /** 'run': the run's own marks (its clean end), which a resume reads. */
  kind: 'trading-event' | 'order' | 'run';
  atMs: number;
  /** JSON-safe (no bigint: write them as decimal strings). */
  payload: unknown;
}

export interface JournalAccountEntry {
  type: 'account';
  account: AccountSpec;
}

export interface JournalTransferEntry {
  type: 'transfer';
  transfer: Transfer;
}

export type JournalEntry = JournalRecordEntry | JournalAccountEntry | JournalTransferEntry;

export type SequencedEntry = JournalEntry & { seq: number };

/** Where the writer's batches go (journal-store.ts over the store; a test double in tests). */
export interface JournalSink {
  /** Writes the entries in one transaction; entries already written (same ids) are skipped. */
  writeBatch(entries: readonly SequencedEntry[]): Promise<void>;
}
