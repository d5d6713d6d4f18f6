// The recorder: the bus's durable path to the store. It takes market events off the bus into a
// bounded queue and a single writer loop commits them in ordered batches (arrival order; one
// transaction a batch), so the store is never on the publisher's hot path.
//
// Queue bound and what happens at it (`queueEventsMax`, default 200,000 events):
// - In-process bus (`attach` on an InProcessBus, or `offer`): publish is synchronous and must
//   never wait on the database, so when the queue is full the newest event is dropped and
//   counted (`dropped`, and a rate-limited DropLog line). Nothing else is dropped: a batch that
//   fails to commit stays at the head of the queue and is retried.
// - Redis Streams bus (`attach` on a RedisStreamBus, or `submit`): the recorder reads as a
//   consumer group and acknowledges a read only after its events are committed; when the queue
//   is full, `submit` waits for room, so Redis (bounded by the stream's MAXLEN) holds the
//   backlog. Nothing is dropped, and a recorder that dies leaves its reads pending for another.
//
// A failed commit (PostgreSQL restarted, the connection killed) is retried with exponential
// backoff and jitter, forever, until it commits or the recorder is closed. Rows are keyed so a
// retried or redelivered batch is a no-op (market-rows.ts).
import type { Store } from '../store/open-store';
import { backoffDelayMs, type BackoffPolicy } from '../venues/backoff';
import type { MarketBus } from './bus/market-bus';
import { RedisStreamBus } from './bus/redis-stream-bus';
import type { DropLog } from './drop-log';
import type { MarketEvent } from './events';
import { addEventRow, emptyRows, writeMarketRows } from './market-rows';
import { kyselyRunner, prepareTimescale, type TimescaleMode } from './recorder-timescale';

export interface RecorderOptions {
  /** Events held between the bus and the store (see the policy above). */
  queueEventsMax?: number;
  /** Events written in one transaction at most. */
  batchEventsMax?: number;
  /** Retry delays after a failed commit. */
  retry?: Pick<BackoffPolicy, 'initialMs' | 'maxMs'>;
  dropLog?: DropLog;
  /** Called on every failed commit (before its retry), for logs. */
  onError?: (error: unknown, attempt: number) => void;
  /** Consumer group name on a Redis bus. */
  group?: string;
  random?: () => number;
}

export interface RecorderStats {
  /** Events waiting for the writer. */
  queued: number;
  /** Events committed (including ones the store keeps no row for, such as tickers). */
  committedEvents: number;
  /** Rows sent to the store in committed batches (a duplicate counts; the store kept it once). */
  rowsWritten: number;
  batches: number;
  /** Events refused because the queue was full (in-process bus only). */
  dropped: number;
  /** Failed commits that were retried. */
  retries: number;
  lastError: string | null;
}

interface Waiter {
  /** Resolves once this many events (counted from the start) are committed. */
  untilEvent: number;
  resolve: () => void;
}

export class MarketRecorder {
  readonly mode: TimescaleMode;
  private readonly queue: MarketEvent[] = [];
  private head = 0;
  /** Events ever enqueued; the queue holds [enqueued - queued, enqueued). */
  private enqueued = 0;
  private committed = 0;
  private readonly counters = { rowsWritten: 0, batches: 0, dropped: 0, retries: 0 };
  private lastError: string | null = null;
  private commitWaiters: Waiter[] = [];
  private roomWaiters: (() => void)[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private readonly loop: Promise<void>;
  private readonly queueMax: number;
  private readonly batchMax: number;
  private readonly retry: BackoffPolicy;
  private readonly random: () => number;

  private constructor(
    private readonly store: Store,
    mode: TimescaleMode,
    private readonly options: RecorderOptions,
  ) {
    this.mode = mode;
    this.queueMax = options.queueEventsMax ?? 200_000;
    this.batchMax = options.batchEventsMax ?? 8_000;
    this.retry = { initialMs: 50, maxMs: 2_000, ...options.retry, rateLimitedMs: 0 };
    this.random = options.random ?? Math.random;
    this.loop = this.run();
  }

  /** Detects TimescaleDB (recorder-timescale.ts) and starts the writer loop. */
  static async start(store: Store, options: RecorderOptions = {}): Promise<MarketRecorder> {
    const mode = await prepareTimescale(store.kind, kyselyRunner(store.db));
    return new MarketRecorder(store, mode, options);
  }

  /** Consumes `bus`: a consumer group with ack-after-commit on Redis, a bounded drop-newest queue in process. */
  attach(bus: MarketBus): () => void {
    if (bus instanceof RedisStreamBus) {
      return bus.subscribeBatches(this.options.group ?? 'recorder', (events) => this.submit(events));
    }
    return bus.subscribe(this.options.group ?? 'recorder', (event) => void this.offer(event));
  }

  /** Queues one event without waiting; false when the queue is full (the event is dropped and counted). */
  offer(event: MarketEvent): boolean {
    if (this.closed || this.queued() >= this.queueMax) {
      this.counters.dropped++;
      this.options.dropLog?.drop('recorder queue', `recorder queue full (${this.queueMax} events)`);
      return false;
    }
    this.push(event);
    return true;
  }

  /** Queues events, waiting for room when full; resolves once they are committed. */
  async submit(events: readonly MarketEvent[]): Promise<void> {
    for (const event of events) {
      while (this.queued() >= this.queueMax) {
        if (this.closed) throw new Error('the recorder is closed');
        await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      }
      if (this.closed) throw new Error('the recorder is closed');
      this.push(event);
    }
    await this.committedThrough(this.enqueued);
  }

  /** Resolves when everything queued so far is committed. */
  flush(): Promise<void> {
    return this.committedThrough(this.enqueued);
  }

  stats(): RecorderStats {
    return {
      queued: this.queued(),
      committedEvents: this.committed,
      ...this.counters,
      lastError: this.lastError,
    };
  }

  /** Stops after the queue is written (or after `drainMs`, leaving the rest: on Redis it stays pending). */
  async close(drainMs = 5_000): Promise<void> {
    await Promise.race([this.flush(), sleep(drainMs)]);
    this.closed = true;
    this.wake?.();
    for (const resolve of this.roomWaiters.splice(0)) resolve();
    await this.loop;
  }

  private queued(): number {
    return this.queue.length - this.head;
  }

  private push(event: MarketEvent): void {
    this.queue.push(event);
    this.enqueued++;
    if (this.wake) {
      const wake = this.wake;
      this.wake = null;
      wake();
    }
  }

  private committedThrough(count: number): Promise<void> {
    if (this.committed >= count) return Promise.resolve();
    return new Promise((resolve) => this.commitWaiters.push({ untilEvent: count, resolve }));
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.queued() === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const end = Math.min(this.queue.length, this.head + this.batchMax);
      const rows = emptyRows();
      for (let i = this.head; i < end; i++) addEventRow(rows, this.queue[i]);
      const written = await this.commitWithRetry(rows);
      if (written === null) return; // closed while retrying: the batch stays unwritten
      const count = end - this.head;
      this.head = end;
      this.committed += count;
      this.counters.rowsWritten += written;
      this.counters.batches++;
      this.compact();
      this.release();
    }
  }

  private async commitWithRetry(rows: ReturnType<typeof emptyRows>): Promise<number | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await writeMarketRows(this.store.db, rows);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error, attempt);
        if (this.closed) return null;
        this.counters.retries++;
        await sleep(backoffDelayMs(this.retry, attempt, false, this.random));
        if (this.closed) return null;
      }
    }
  }

  /** Drops the written prefix of the queue array once it is the larger part. */
  private compact(): void {
    if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private release(): void {
    if (this.commitWaiters.length > 0) {
      const still: Waiter[] = [];
      for (const waiter of this.commitWaiters) {
        if (this.committed >= waiter.untilEvent) waiter.resolve();
        else still.push(waiter);
      }
      this.commitWaiters = still;
    }
    while (this.roomWaiters.length > 0 && this.queued() < this.queueMax) this.roomWaiters.shift()?.();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
