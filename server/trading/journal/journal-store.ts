// The journal's tables in the store: batches written in one transaction with multi-row
// inserts ("on conflict do nothing": a replayed entry is stored once), and the run read back
// in sequence order for a restart.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { StoreSchema } from '../../store/schema';
import type { AccountSpec, Transfer } from '../ledger/ledger-types';
import type { JournalRecordEntry, JournalSink, SequencedEntry } from './journal-entries';

/** Rows per INSERT: far below PostgreSQL's 65 535 bind parameters at 11 columns. */
const rowsPerStatementMax = 1_000;

export interface JournalRun {
  runId: string;
  lastSeq: number;
  records: (JournalRecordEntry & { seq: number })[];
  accounts: (AccountSpec & { seq: number })[];
  transfers: (Transfer & { seq: number })[];
}

export class JournalStore {
  readonly #db: Kysely<StoreSchema>;

  constructor(db: Kysely<StoreSchema>) {
    this.#db = db;
  }

  /** Creates the run once (idempotent). */
  async ensureRun(runId: string, createdAtMs: number, meta: unknown = {}): Promise<void> {
    await this.#db
      .insertInto('journal_runs')
      .values({ run_id: runId, created_at_ms: createdAtMs, meta: JSON.stringify(meta) })
      .onConflict((oc) => oc.column('run_id').doNothing())
      .execute();
  }

  /** A sink that writes one run's batches. */
  sinkFor(runId: string): JournalSink {
    return { writeBatch: (entries) => this.writeBatch(runId, entries) };
  }

  async writeBatch(runId: string, entries: readonly SequencedEntry[]): Promise<void> {
    const records: Insertable<StoreSchema['journal_records']>[] = [];
    const accounts: Insertable<StoreSchema['ledger_accounts']>[] = [];
    const transfers: Insertable<StoreSchema['ledger_transfers']>[] = [];
    for (const entry of entries) {
      if (entry.type === 'record') {
        records.push({
          run_id: runId,
          seq: entry.seq,
          record_id: entry.recordId,
          kind: entry.kind,
          at_ms: entry.atMs,
          payload: JSON.stringify(entry.payload),
        });
      } else if (entry.type === 'account') {
        const a = entry.account;
        accounts.push({
          run_id: runId,
          account_id: a.id,
          seq: entry.seq,
          ledger: a.ledger,
          code: a.code,
          flags: a.flags,
          created_at_ms: a.timestampMs,
        });
      } else {
        const t = entry.transfer;
        transfers.push({
          run_id: runId,
          transfer_id: t.id,
          seq: entry.seq,
          debit_account_id: t.debitAccountId,
          credit_account_id: t.creditAccountId,
          amount: t.amount,
          ledger: t.ledger,
          code: t.code,
          flags: t.flags,
          event_id: t.eventId,
          at_ms: t.timestampMs,
        });
      }
    }
    await this.#db.transaction().execute(async (tx) => {
      await insertChunks(tx, 'journal_records', records);
      await insertChunks(tx, 'ledger_accounts', accounts);
      await insertChunks(tx, 'ledger_transfers', transfers);
    });
  }

  /** The highest sequence number written for the run (0 when none). */
  async lastSeq(runId: string): Promise<number> {
    const { rows } = await sql<{ seq: bigint | null }>`
      select greatest(
        (select max(seq) from journal_records where run_id = ${runId}),
        (select max(seq) from ledger_accounts where run_id = ${runId}),
        (select max(seq) from ledger_transfers where run_id = ${runId})
      ) as seq`.execute(this.#db);
    return rows[0]?.seq === null || rows[0]?.seq === undefined ? 0 : Number(rows[0].seq);
  }

  async readRun(runId: string): Promise<JournalRun> {
    const [recordRows, accountRows, transferRows] = await Promise.all([
      this.#db.selectFrom('journal_records').selectAll().where('run_id', '=', runId).orderBy('seq').execute(),
      this.#db.selectFrom('ledger_accounts').selectAll().where('run_id', '=', runId).orderBy('seq').execute(),
      this.#db
        .selectFrom('ledger_transfers')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('seq')
        .execute(),
    ]);
    const records = recordRows.map((r) => ({
      type: 'record' as const,
      seq: Number(r.seq),
      recordId: r.record_id,
      kind: r.kind as JournalRecordEntry['kind'],
      atMs: Number(r.at_ms),
      payload: r.payload,
    }));
    const accounts = accountRows.map((a) => ({
      seq: Number(a.seq),
      id: a.account_id,
      ledger: a.ledger,
      code: a.code,
      flags: a.flags,
      timestampMs: Number(a.created_at_ms),
    }));
    const transfers = transferRows.map((t) => ({
      seq: Number(t.seq),
      id: t.transfer_id,
      debitAccountId: t.debit_account_id,
      creditAccountId: t.credit_account_id,
      amount: t.amount,
      ledger: t.ledger,
      code: t.code,
      flags: t.flags,
      eventId: t.event_id,
      timestampMs: Number(t.at_ms),
    }));
    const lastSeq = Math.max(0, ...[records, accounts, transfers].map((rows) => rows.at(-1)?.seq ?? 0));
    return { runId, lastSeq, records, accounts, transfers };
  }
}

async function insertChunks<T extends 'journal_records' | 'ledger_accounts' | 'ledger_transfers'>(
  tx: Transaction<StoreSchema>,
  table: T,
  rows: readonly Insertable<StoreSchema[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatementMax) {
    const chunk = rows.slice(start, start + rowsPerStatementMax);
    await tx
      .insertInto(table)
      .values(chunk as never)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
