// A bounded, ordered, batched write queue between the hot path and the store. append() is
// synchronous and cheap: it numbers the entries and queues them, never awaits. A background
// flusher writes whole groups, oldest first, up to `batchEntriesMax` entries per transaction.
// When `capacityEntries` are waiting, append() refuses with JOURNAL_FULL (the caller stops
// taking new orders) rather than growing without limit. A failed write is retried with backoff,
// entries stay queued, and ids make a retried batch that did commit harmless.
import type { JournalEntry, JournalSink, SequencedEntry } from './journal-entries';

export interface JournalWriterOptions {
  /** The first sequence number to hand out (the journal's last + 1 after a restart). */
  nextSeq: number;
  capacityEntries?: number;
  batchEntriesMax?: number;
  retryDelayMs?: number;
  retryDelayMaxMs?: number;
  /** Told about each failed write (it is retried); for logs and health. */
  onWriteError?: (error: unknown, attempt: number) => void;
}

export type AppendOutcome =
  | { ok: true; firstSeq: number; lastSeq: number }
  | { ok: false; code: 'JOURNAL_FULL'; pendingEntries: number; capacityEntries: number; groupEntries: number }
  | { ok: false; code: 'JOURNAL_CLOSED' };

/** What a trading session needs of a journal: to append groups (a resumed run's skips its journaled prefix). */
export interface JournalAppender {
  append(group: readonly JournalEntry[]): AppendOutcome;
}

type Listener = (durableSeq: number) => void;
interface FlushWaiter {
  seq: number;
  resolve: () => void;
}

export class JournalWriter {
  readonly capacityEntries: number;
  readonly batchEntriesMax: number;
  readonly #sink: JournalSink;
  readonly #options: JournalWriterOptions;
  readonly #groups: SequencedEntry[][] = [];
  #head = 0;
  #pendingEntries = 0;
  #nextSeq: number;
  #durableSeq: number;
  #flushing = false;
  #scheduled = false;
  #closed = false;
  #waiters: FlushWaiter[] = [];
  #roomWaiters: (() => void)[] = [];
  readonly #listeners = new Set<Listener>();

  constructor(sink: JournalSink, options: JournalWriterOptions) {
    if (!Number.isSafeInteger(options.nextSeq) || options.nextSeq < 1) {
      throw new RangeError('journal: nextSeq must be a positive integer');
    }
    this.#sink = sink;
    this.#options = options;
    this.capacityEntries = options.capacityEntries ?? 100_000;
    this.batchEntriesMax = options.batchEntriesMax ?? 2_000;
    this.#nextSeq = options.nextSeq;
    this.#durableSeq = options.nextSeq - 1;
  }

  /** Entries appended and not yet written. */
  get pendingEntries(): number {
    return this.#pendingEntries;
  }

  /** Every entry up to this sequence number is in the store. */
  get durableSeq(): number {
    return this.#durableSeq;
  }

  get lastAppendedSeq(): number {
    return this.#nextSeq - 1;
  }

  /** Queues a group to be written together, in order. Synchronous; never throws for a full queue. */
  append(group: readonly JournalEntry[]): AppendOutcome {
    if (this.#closed) return { ok: false, code: 'JOURNAL_CLOSED' };
    if (group.length === 0) return { ok: true, firstSeq: this.#nextSeq, lastSeq: this.#nextSeq - 1 };
    if (this.#pendingEntries + group.length > this.capacityEntries) {
      return {
        ok: false,
        code: 'JOURNAL_FULL',
        pendingEntries: this.#pendingEntries,
        capacityEntries: this.capacityEntries,
        groupEntries: group.length,
      };
    }
    const firstSeq = this.#nextSeq;
    const sequenced = group.map((entry) => ({ ...entry, seq: this.#nextSeq++ }) as SequencedEntry);
    this.#groups.push(sequenced);
    this.#pendingEntries += sequenced.length;
    this.#schedule();
    return { ok: true, firstSeq, lastSeq: this.#nextSeq - 1 };
  }

  /** Resolves when everything appended so far is in the store. */
  flush(): Promise<void> {
    const target = this.lastAppendedSeq;
    if (this.#durableSeq >= target) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seq: target, resolve }));
  }

  /** Resolves when `entries` more would fit (for callers that can wait, like a replay). */
  waitForRoom(entries: number): Promise<void> {
    if (this.#pendingEntries + entries <= this.capacityEntries) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.#pendingEntries + entries <= this.capacityEntries) resolve();
        else this.#roomWaiters.push(check);
      };
      this.#roomWaiters.push(check);
    });
  }

  /** Called after each batch is durable with the highest durable sequence number. */
  onDurable(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Refuses further appends and waits for the queue to drain. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #schedule(): void {
    if (this.#flushing || this.#scheduled) return;
    this.#scheduled = true;
    // After the current turn, so the groups appended in one tick share a transaction.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    let attempt = 0;
    while (this.#head < this.#groups.length) {
      const { batch, groupCount } = this.#nextBatch();
      try {
        await this.#sink.writeBatch(batch);
      } catch (error) {
        attempt++;
        this.#options.onWriteError?.(error, attempt);
        await delay(this.#backoffMs(attempt));
        continue;
      }
      attempt = 0;
      this.#head += groupCount;
      this.#pendingEntries -= batch.length;
      this.#compact();
      this.#durableSeq = batch[batch.length - 1].seq;
      this.#notify();
    }
    this.#flushing = false;
  }

  #nextBatch(): { batch: SequencedEntry[]; groupCount: number } {
    const batch: SequencedEntry[] = [];
    let index = this.#head;
    while (index < this.#groups.length) {
      const group = this.#groups[index];
      if (batch.length > 0 && batch.length + group.length > this.batchEntriesMax) break;
      for (const entry of group) batch.push(entry);
      index++;
    }
    return { batch, groupCount: index - this.#head };
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#groups.length) {
      this.#groups.splice(0, this.#head);
      this.#head = 0;
    }
  }

  #notify(): void {
    const durable = this.#durableSeq;
    if (this.#waiters.length > 0) {
      const still: FlushWaiter[] = [];
      for (const waiter of this.#waiters) {
        if (waiter.seq <= durable) waiter.resolve();
        else still.push(waiter);
      }
      this.#waiters = still;
    }
    const roomWaiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const check of roomWaiters) check();
    for (const listener of this.#listeners) listener(durable);
  }

  #backoffMs(attempt: number): number {
    const base = this.#options.retryDelayMs ?? 50;
    const max = this.#options.retryDelayMaxMs ?? 5_000;
    return Math.min(max, base * 2 ** Math.min(attempt - 1, 16));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
