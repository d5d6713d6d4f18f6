// A resumed paper run replays its data from the start (same patch + same events => the same
// orders, fills and transfers), so it regenerates what its journal already holds before it
// produces anything new. This appender checks each regenerated entry against the journaled one
// at the same sequence number and drops it; past the journaled prefix it hands groups to the
// writer. A mismatch means the replay is not the run that was journaled (another code version,
// a manual command the data cannot replay): it is reported and nothing more is appended.
import type { JournalEntry } from './journal-entries';
import type { JournalRun } from './journal-store';
import type { AppendOutcome, JournalAppender } from './journal-writer';

export interface JournalMismatch {
  seq: number;
  journaled: string;
  replayed: string;
}

function keyOf(entry: JournalEntry): string {
  if (entry.type === 'record') return `record ${entry.kind} ${entry.recordId}`;
  if (entry.type === 'account') return `account ${entry.account.id}`;
  return `transfer ${entry.transfer.id}`;
}

/** The journaled entries' keys in sequence order (index 0 = seq 1). */
export function journaledKeys(run: JournalRun): string[] {
  const keyed: { seq: number; key: string }[] = [
    ...run.records.map((r) => ({ seq: r.seq, key: `record ${r.kind} ${r.recordId}` })),
    ...run.accounts.map((a) => ({ seq: a.seq, key: `account ${a.id}` })),
    ...run.transfers.map((t) => ({ seq: t.seq, key: `transfer ${t.id}` })),
  ].sort((a, b) => a.seq - b.seq);
  keyed.forEach((entry, index) => {
    if (entry.seq !== index + 1)
      throw new Error(`journal of run ${run.runId} has a gap before entry ${entry.seq}`);
  });
  return keyed.map((entry) => entry.key);
}

export class ResumingJournal implements JournalAppender {
  #position = 0;
  #mismatch: JournalMismatch | null = null;

  constructor(
    private readonly keys: readonly string[],
    private readonly writer: JournalAppender,
    private readonly onMismatch: (mismatch: JournalMismatch) => void,
  ) {}

  /** True once every journaled entry has been regenerated. */
  get caughtUp(): boolean {
    return this.#position >= this.keys.length;
  }

  get mismatch(): JournalMismatch | null {
    return this.#mismatch;
  }

  append(group: readonly JournalEntry[]): AppendOutcome {
    if (this.#mismatch) return { ok: false, code: 'JOURNAL_CLOSED' };
    let index = 0;
    while (index < group.length && this.#position < this.keys.length) {
      const replayed = keyOf(group[index]);
      const journaled = this.keys[this.#position];
      if (replayed !== journaled) {
        this.#mismatch = { seq: this.#position + 1, journaled, replayed };
        this.onMismatch(this.#mismatch);
        return { ok: false, code: 'JOURNAL_CLOSED' };
      }
      index++;
      this.#position++;
    }
    if (index === group.length) return { ok: true, firstSeq: this.#position, lastSeq: this.#position };
    return this.writer.append(index === 0 ? group : group.slice(index));
  }
}
