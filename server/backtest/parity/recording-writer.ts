// The recorder's own bounded, batched writer: chunks and events queue in memory and go to the
// store after the current turn of the event loop, many per transaction, never on the tick and
// never through the journal's queue (a slow recording must not hold up the journal). When
// `queuedMax` items wait, append refuses (the recorder then stops recording and the recording
// is marked truncated) rather than growing without limit. A failed write is retried with
// backoff; after `attemptsMax` failures the writer gives up and drops what it holds.
import type { RecordingBatch, RecordingSink, StoredChunk } from './recording-store';
import type { RecordingEvent, RecordingState } from './recording-types';

export interface RecordingWriterOptions {
  /** Chunks plus events waiting, at most (default 512: about 2 MB of chunks typically, 128 MB at worst). */
  queuedMax?: number;
  batchChunksMax?: number;
  batchEventsMax?: number;
  retryDelayMs?: number;
  attemptsMax?: number;
  onWriteError?: (error: unknown, attempt: number, givenUp: boolean) => void;
}

export class RecordingWriter {
  readonly queuedMax: number;
  readonly #sink: RecordingSink;
  readonly #options: RecordingWriterOptions;
  #chunks: StoredChunk[] = [];
  #events: (RecordingEvent & { seq: number })[] = [];
  #nextChunkSeq = 0;
  #nextEventSeq = 0;
  #ticks = 0;
  #end: RecordingBatch['end'] | undefined;
  #draining: Promise<void> | null = null;
  #scheduled = false;
  #failed = false;
  #written = { chunks: 0, events: 0, bytes: 0 };

  constructor(sink: RecordingSink, options: RecordingWriterOptions = {}) {
    this.#sink = sink;
    this.#options = options;
    this.queuedMax = options.queuedMax ?? 512;
  }

  get queued(): number {
    return this.#chunks.length + this.#events.length;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** What has reached the store so far. */
  get written(): Readonly<{ chunks: number; events: number; bytes: number }> {
    return this.#written;
  }

  /** Queues a sealed chunk; false when the queue is full (nothing queued). */
  appendChunk(chunk: Omit<StoredChunk, 'seq'>): boolean {
    if (!this.#hasRoom()) return false;
    this.#chunks.push({ ...chunk, seq: this.#nextChunkSeq++ });
    this.#ticks = chunk.firstTick + chunk.tickCount;
    this.#schedule();
    return true;
  }

  appendEvent(event: RecordingEvent): boolean {
    if (!this.#hasRoom()) return false;
    this.#events.push({ ...event, seq: this.#nextEventSeq++ });
    this.#schedule();
    return true;
  }

  /** Writes what is queued with the final state; resolves when it is in the store (or given up). */
  close(state: Exclude<RecordingState, 'recording'>, reason: string | null): Promise<void> {
    this.#end = { state, reason };
    this.#schedule();
    return this.#idle();
  }

  #hasRoom(): boolean {
    return !this.#failed && this.#end === undefined && this.queued < this.queuedMax;
  }

  #schedule(): void {
    if (this.#scheduled || this.#draining || this.#failed) return;
    this.#scheduled = true;
    // after the current turn: the chunks and events of one tick share a transaction
    setImmediate(() => {
      this.#scheduled = false;
      this.#draining = this.#drain().finally(() => (this.#draining = null));
    });
  }

  async #idle(): Promise<void> {
    for (;;) {
      if (this.#draining) await this.#draining;
      else if (this.#scheduled) await new Promise((resolve) => setImmediate(resolve));
      else return;
    }
  }

  async #drain(): Promise<void> {
    let attempt = 0;
    while (!this.#failed && (this.queued > 0 || this.#end !== undefined)) {
      const chunks = this.#chunks.slice(0, this.#options.batchChunksMax ?? 32);
      const events = this.#events.slice(0, this.#options.batchEventsMax ?? 2_000);
      const last = chunks.length === this.#chunks.length && events.length === this.#events.length;
      const ticks =
        chunks.length > 0
          ? chunks[chunks.length - 1].firstTick + chunks[chunks.length - 1].tickCount
          : this.#ticks;
      const batch: RecordingBatch = {
        chunks,
        events,
        ticks,
        ...(last && this.#end ? { end: this.#end } : {}),
      };
      try {
        await this.#sink.writeBatch(batch);
      } catch (error) {
        attempt++;
        const givenUp = attempt >= (this.#options.attemptsMax ?? 5);
        this.#options.onWriteError?.(error, attempt, givenUp);
        if (givenUp) {
          this.#failed = true;
          this.#chunks = [];
          this.#events = [];
          return;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, (this.#options.retryDelayMs ?? 100) * 2 ** (attempt - 1)),
        );
        continue;
      }
      attempt = 0;
      this.#chunks.splice(0, chunks.length);
      this.#events.splice(0, events.length);
      this.#written.chunks += chunks.length;
      this.#written.events += events.length;
      for (const chunk of chunks) this.#written.bytes += chunk.body.byteLength;
      if (batch.end) return;
    }
  }
}
