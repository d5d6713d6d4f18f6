// Journals for paper runs: each run gets a row in journal_runs (its patch, config and start
// time as meta) and a JournalWriter that writes its order records, trading events and ledger
// transfers in order, batched, off the tick. The store opens on the first paper run.
import type { Logger } from 'pino';
import type { LazyStore } from '../../store/lazy-store';
import { JournalStore } from './journal-store';
import { JournalWriter } from './journal-writer';

export interface PaperJournalMeta {
  patchName: string;
  patchHash: string;
  config: unknown;
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

  /** The journal store, for reading runs back. */
  async reader(): Promise<JournalStore> {
    return new JournalStore((await this.store.get()).db);
  }
}
