// Market bus over Redis Streams (used when REDIS_URL is set). Publishers append batches of
// events as stream entries (XADD with an approximate MAXLEN, so the stream has a bound);
// consumers read through consumer groups (XREADGROUP), acknowledge after their handler is done
// (XACK), and claim entries a dead consumer left pending (XAUTOCLAIM after `claimIdleMs`).
// So several recorder or aggregator processes share one group's work, and an entry is only
// acknowledged once handled. While Redis is unreachable, publishes wait in a bounded outbox and
// are sent when it is back; past the bound they are dropped and counted (`publishDropped`).
import { hostname } from 'node:os';
import { decode, encode } from '@msgpack/msgpack';
import { Redis } from 'ioredis';
import type { MarketEvent } from '../events';
import type { BusStats, MarketBus, MarketEventHandler, SubscribeOptions } from './market-bus';

export interface RedisStreamBusOptions {
  url: string;
  /** Stream key; one stream carries every venue's events. */
  stream?: string;
  /** Approximate cap on entries kept in the stream (each entry holds up to `eventsPerEntry`). */
  streamEntriesMax?: number;
  eventsPerEntry?: number;
  /** Events waiting to be sent while Redis is slow or down. */
  outboxEventsMax?: number;
  /** A pending entry idle this long is taken over from its (presumed dead) consumer. */
  claimIdleMs?: number;
  /** Consumer name inside its group; default host-pid-counter. */
  consumerName?: string;
  onError?: (what: string, error: unknown) => void;
}

export type BatchHandler = (events: MarketEvent[]) => Promise<void> | void;

interface Subscription {
  group: string;
  consumer: string;
  connection: Redis;
  handler: BatchHandler;
  /** Created at the stream's end and destroyed on unsubscribe (SubscribeOptions.live). */
  live: boolean;
  running: boolean;
  done: Promise<void>;
}

let consumerCounter = 0;
const readCount = 64;
const readBlockMs = 200;

export class RedisStreamBus implements MarketBus {
  readonly stream: string;
  private readonly publisher: Redis;
  private readonly outbox: MarketEvent[] = [];
  private flushing = false;
  private flushScheduled = false;
  private readonly subscriptions: Subscription[] = [];
  private readonly counters = { published: 0, delivered: 0, handlerErrors: 0, publishDropped: 0, claimed: 0 };
  private readonly entriesMax: number;
  private readonly eventsPerEntry: number;
  private readonly outboxMax: number;
  private readonly claimIdleMs: number;
  private closed = false;

  constructor(private readonly options: RedisStreamBusOptions) {
    this.stream = options.stream ?? 'patchdesk:market';
    this.entriesMax = options.streamEntriesMax ?? 100_000;
    this.eventsPerEntry = options.eventsPerEntry ?? 256;
    this.outboxMax = options.outboxEventsMax ?? 1_000_000;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
    this.publisher = this.connect();
  }

  private connect(): Redis {
    const connection = new Redis(this.options.url, {
      lazyConnect: false,
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
    });
    connection.on('error', (error) => this.report('redis connection', error));
    return connection;
  }

  private report(what: string, error: unknown): void {
    this.options.onError?.(what, error);
  }

  publish(event: MarketEvent): void {
    if (this.outbox.length >= this.outboxMax) {
      this.counters.publishDropped++;
      return;
    }
    this.counters.published++;
    this.outbox.push(event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Sends the outbox in entries of `eventsPerEntry`; on failure keeps it and retries. */
  async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.flushing || this.outbox.length === 0) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && !this.closed) {
        const take = Math.min(this.outbox.length, this.eventsPerEntry * 64);
        const pipeline = this.publisher.pipeline();
        for (let start = 0; start < take; start += this.eventsPerEntry) {
          const entry = encode(this.outbox.slice(start, Math.min(start + this.eventsPerEntry, take)));
          pipeline.xadd(this.stream, 'MAXLEN', '~', this.entriesMax, '*', 'e', Buffer.from(entry));
        }
        const results = await pipeline.exec();
        const failed = results?.find(([error]) => error);
        if (failed) throw failed[0];
        this.outbox.splice(0, take);
      }
    } catch (error) {
      this.report('publish', error);
      if (!this.closed) setTimeout(() => void this.flush(), 250);
    } finally {
      this.flushing = false;
    }
  }

  subscribe(name: string, handler: MarketEventHandler, options: SubscribeOptions = {}): () => void {
    return this.subscribeBatches(
      name,
      (events) => {
        for (const event of events) handler(event);
      },
      options,
    );
  }

  /** A read's entries are acknowledged only after `handler` resolves; a failed batch is retried. */
  subscribeBatches(group: string, handler: BatchHandler, options: SubscribeOptions = {}): () => void {
    const consumer = this.options.consumerName ?? `${hostname()}-${process.pid}-${++consumerCounter}`;
    const subscription: Subscription = {
      group,
      consumer,
      connection: this.connect(),
      handler,
      live: options.live === true,
      running: true,
      done: Promise.resolve(),
    };
    subscription.done = this.consume(subscription);
    this.subscriptions.push(subscription);
    return () => {
      subscription.running = false;
    };
  }

  private async ensureGroup(subscription: Subscription): Promise<void> {
    try {
      await subscription.connection.call(
        'XGROUP',
        'CREATE',
        this.stream,
        subscription.group,
        subscription.live ? '$' : '0',
        'MKSTREAM',
      );
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  private async consume(subscription: Subscription): Promise<void> {
    let groupReady = false;
    let ownPendingChecked = false;
    let lastClaimMs = 0;
    while (subscription.running && !this.closed) {
      try {
        if (!groupReady) {
          await this.ensureGroup(subscription);
          groupReady = true;
        }
        if (Date.now() - lastClaimMs >= Math.min(this.claimIdleMs, 1_000)) {
          lastClaimMs = Date.now();
          await this.claimAbandoned(subscription);
        }
        // First our own pending entries (from before a restart of this consumer), then new ones.
        const start = ownPendingChecked ? '>' : '0';
        const reply = (await subscription.connection.callBuffer(
          'XREADGROUP',
          'GROUP',
          subscription.group,
          subscription.consumer,
          'COUNT',
          readCount,
          'BLOCK',
          readBlockMs,
          'STREAMS',
          this.stream,
          start,
        )) as unknown;
        const entries = readEntries(reply);
        if (start === '0' && entries.length === 0) ownPendingChecked = true;
        await this.handleEntries(subscription, entries);
      } catch (error) {
        if (String(error).includes('NOGROUP'))
          groupReady = false; // the stream was lost (a Redis restart)
        else this.report(`consumer ${subscription.group}`, error);
        if (subscription.running && !this.closed) await sleep(100);
      }
    }
    if (subscription.live) await this.destroyGroup(subscription);
    subscription.connection.disconnect();
  }

  /** A live consumer's group goes with it (a run's bridge must not leave one per run behind). */
  private async destroyGroup(subscription: Subscription): Promise<void> {
    try {
      await subscription.connection.call('XGROUP', 'DESTROY', this.stream, subscription.group);
    } catch (error) {
      this.report(`removing consumer group ${subscription.group}`, error);
    }
  }

  private async claimAbandoned(subscription: Subscription): Promise<void> {
    const reply = (await subscription.connection.callBuffer(
      'XAUTOCLAIM',
      this.stream,
      subscription.group,
      subscription.consumer,
      this.claimIdleMs,
      '0-0',
      'COUNT',
      readCount,
    )) as [Buffer, StreamEntry[]] | null;
    const entries = reply?.[1] ?? [];
    if (entries.length === 0) return;
    this.counters.claimed += entries.length;
    await this.handleEntries(subscription, entries);
  }

  /**
   * One handler call for all the entries of a read (up to `readCount` entries), then one XACK
   * for all of them: a recorder commits a read in one transaction instead of one per entry.
   */
  private async handleEntries(
    subscription: Subscription,
    entries: [Buffer, Buffer[] | null][],
  ): Promise<void> {
    if (entries.length === 0) return;
    const events: MarketEvent[] = [];
    for (const [, fields] of entries) {
      // A deleted entry (trimmed by MAXLEN while pending) has no fields: acknowledged with the rest.
      if (fields) for (const event of decode(fields[1]) as MarketEvent[]) events.push(event);
    }
    try {
      await subscription.handler(events);
    } catch (error) {
      this.counters.handlerErrors++;
      this.report(`handler ${subscription.group}`, error);
      throw error;
    }
    this.counters.delivered += events.length;
    await subscription.connection.call('XACK', this.stream, subscription.group, ...entries.map(([id]) => id));
  }

  stats(): BusStats & { publishDropped: number; claimed: number; outbox: number } {
    return { ...this.counters, outbox: this.outbox.length };
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.running = false;
    // A handler that never returns must not hold close() forever: wait a little, then cut.
    await Promise.race([
      Promise.all(this.subscriptions.map((subscription) => subscription.done)),
      sleep(2_000),
    ]);
    for (const subscription of this.subscriptions) subscription.connection.disconnect();
    this.publisher.disconnect();
  }
}

type StreamEntry = [Buffer, Buffer[] | null];

/**
 * The entries of an XREADGROUP reply for our one stream: RESP2 gives [[key, entries]], RESP3 (the
 * default of ioredis 6) a map that arrives flattened as [key, entries]; no data gives null.
 */
function readEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  if (Buffer.isBuffer(reply[0])) return (reply[1] as StreamEntry[] | undefined) ?? [];
  return ((reply[0] as [Buffer, StreamEntry[]])[1] as StreamEntry[] | undefined) ?? [];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
