// Journals for paper runs: each run gets a row in journal_runs (its patch, config and start
// time as meta) and a JournalWriter that writes its order records, trading events and ledger
// transfers in order, batched, off the tick. The store opens on the first paper run.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { LazyStore } from '../../store/lazy-store';
import { JournalStore } from './journal-store';
import type { JournalRun } from './journal-store';
import { JournalWriter } from './journal-writer';

export interface PaperJournalMeta {
  patchName: string;
  patchHash: string;
  config: unknown;
}

/** The record that marks a run's clean end: a run without it can be resumed. */
export const endedRecordId = 'ended';

/** Appends the clean-end mark (the run stopped by request or at the end of its data). */
export function markEnded(writer: JournalWriter, atMs: number, reason: string | null): void {
  writer.append([{ type: 'record', kind: 'run', recordId: endedRecordId, atMs, payload: { reason } }]);
}

export class PaperJournals {
  constructor(
    private readonly store: LazyStore,
    private readonly logger: Logger,
  ) {}

  /** Creates the run's journal (or continues it: numbering goes on from its last entry). */
  async open(runId: string, meta: PaperJournalMeta, startedAtMs: number): Promise<JournalWriter> {
    const journal = new JournalStore((await this.store.get()).db);
    await journal.ensureRun(runId, startedAtMs, meta);
    const nextSeq = (await journal.lastSeq(runId)) + 1;
    const logger = this.logger.child({ run: meta.patchName, journal: runId });
    return new JournalWriter(journal.sinkFor(runId), {
      nextSeq,
      onWriteError: (error, attempt) =>
        logger.warn({ err: error, attempt }, 'journal write failed; retrying (entries stay queued)'),
    });
  }

  /** The newest journaled paper run of a patch, whether it ended cleanly, and its meta. */
  async latestRun(
    patchName: string,
  ): Promise<{ runId: string; meta: PaperJournalMeta; ended: boolean } | null> {
    const db = (await this.store.get()).db;
    const row = await db
      .selectFrom('journal_runs')
      .select(['run_id', 'meta'])
      .where(sql<string>`meta->>'patchName'`, '=', patchName)
      .orderBy('created_at_ms', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    const ended = await db
      .selectFrom('journal_records')
      .select('seq')
      .where('run_id', '=', row.run_id)
      .where('kind', '=', 'run')
      .where('record_id', '=', endedRecordId)
      .executeTakeFirst();
    const meta = (typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta) as PaperJournalMeta;
    return { runId: row.run_id, meta, ended: ended !== undefined };
  }

  async readRun(runId: string): Promise<JournalRun> {
    return (await this.reader()).readRun(runId);
  }

  /** The journal store, for reading runs back. */
  async reader(): Promise<JournalStore> {
    return new JournalStore((await this.store.get()).db);
  }
}
