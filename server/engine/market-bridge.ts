// The bridge from the market bus to a run's market feed (live and paper runs): a bus consumer
// that only appends the events of the run's streams to a bounded queue (publish must never wait
// on a run), and, before each kernel tick, writes what arrived since the previous tick into the
// feed. The tick's batch is put in the merge order of modules/sdk/market-event-order.ts first
// (a stable sort), so arrival races between venues within one tick do not change what the
// patch sees. A stream with no event for `staleAfterMs` turns stale (and fresh again with its
// next event), bumping its version so sources/market-state reports it and risk/stale-data
// refuses orders on it. Staleness is measured on `now` when given (a run: the wall clock, since
// a live run's tick times are its bars' times) and on tick time otherwise.
//
// Wired into runs by run-manager.ts (`streams` in the run config, see market-streams.ts).
import type { MarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { streamIndexOf } from '@patchdesk/modules/sdk/market-feed-writer';
import type { MarketBus } from '../market/bus/market-bus';
import type { MarketEvent } from '../market/events';
import type { RunMarket } from './market-replay';
import { MarketTickWriter } from './market-tick-writer';

export interface MarketBridgeOptions {
  bus: MarketBus;
  feed: MarketFeed;
  /** Consumer name on the bus (one per run). */
  name: string;
  /** Events held between two ticks; more are dropped (newest first) and counted. */
  queueEventsMax?: number;
  staleAfterMs?: number;
  /**
   * The staleness clock (UTC ms). When given, an event received (`receivedAtMs`) more than
   * `staleAfterMs` before start() is history, not live data: a Redis consumer group created
   * for the run reads the stream from its start. Such events are counted (`old`), not applied.
   */
  now?: () => number;
  /**
   * After each tick's events went in: the staleness-clock reading and the events applied, in
   * the order applied (a MarketTape records them). The array is reused: copy what you keep.
   */
  onTick?: (nowMs: number, applied: readonly MarketEvent[]) => void;
}

export interface MarketBridgeStats {
  /** Events of the run's streams taken off the bus. */
  queued: number;
  applied: number;
  /** Dropped because the queue was full (the run is not keeping up). */
  dropped: number;
  /** Events on the bus for streams the run does not read. */
  ignored: number;
  /** Events received before the run started (see MarketBridgeOptions.now). */
  old: number;
}

export const defaultBridgeQueueEventsMax = 100_000;
export const defaultBridgeStaleAfterMs = 10_000;

export class MarketBridge implements RunMarket {
  readonly feed: MarketFeed;
  /** Events arrive as they happen: live pacing only (see RunMarket.live). */
  readonly live = true;
  private queue: MarketEvent[] = [];
  private spare: MarketEvent[] = [];
  private readonly queueEventsMax: number;
  private readonly staleAfterMs: number;
  private readonly writer: MarketTickWriter;
  private readonly counters: MarketBridgeStats = { queued: 0, applied: 0, dropped: 0, ignored: 0, old: 0 };
  /** Events received before this are history (-Infinity: no `now` clock, nothing is). */
  private oldBeforeMs = Number.NEGATIVE_INFINITY;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: MarketBridgeOptions) {
    this.feed = options.feed;
    this.queueEventsMax = options.queueEventsMax ?? defaultBridgeQueueEventsMax;
    this.staleAfterMs = options.staleAfterMs ?? defaultBridgeStaleAfterMs;
    if (!(this.queueEventsMax >= 1))
      throw new Error(`market bridge ${options.name}: queueEventsMax must be >= 1`);
    this.writer = new MarketTickWriter(options.feed, this.staleAfterMs);
  }

  start(): void {
    if (this.unsubscribe) return;
    if (this.options.now) this.oldBeforeMs = this.options.now() - this.staleAfterMs;
    this.unsubscribe = this.options.bus.subscribe(this.options.name, this.onEvent, { live: true });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  stats(): MarketBridgeStats {
    return { ...this.counters };
  }

  /** Live events are due now: the run's own clock paces the ticks. */
  nextEventMs(): number {
    return Number.POSITIVE_INFINITY;
  }

  beforeTick(tickMs: number): void {
    const nowMs = this.options.now ? this.options.now() : tickMs;
    const batch = this.queue;
    this.queue = this.spare;
    this.counters.applied += this.writer.write(nowMs, batch);
    this.options.onTick?.(nowMs, batch);
    batch.length = 0;
    this.spare = batch;
  }

  private readonly onEvent = (event: MarketEvent): void => {
    if (streamIndexOf(this.feed, event.venue, event.symbol) < 0) {
      this.counters.ignored++;
      return;
    }
    if (event.receivedAtMs < this.oldBeforeMs) {
      this.counters.old++;
      return;
    }
    if (this.queue.length >= this.queueEventsMax) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(event);
    this.counters.queued++;
  };
}
