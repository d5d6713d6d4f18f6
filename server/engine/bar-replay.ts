// Replays bars on the tick grid. A bar is known only once it has closed, so it is delivered at
// the tick of its close time: open time + bar interval, aligned up to the grid. (1-minute bars
// close on whole minutes, already on the 100 ms grid.) Two bars closing within one tick go to
// consecutive ticks: one bar per tick, in order.
//
// BarReplay holds all its bars (in columns) and can loop: each lap is shifted by the span of the
// data so time keeps moving forwards (the live demo). StreamedBarReplay holds one chunk at a
// time, appended as a file is read (a backtest over millions of bars); both deliver a given
// sequence of bars at exactly the same times.
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { barAt, type BarColumns } from '../market/bar-columns';
import { alignUpMs } from './tick-grid';

export interface BarReplayOptions {
  tickIntervalMs: number;
  /** Bar length; inferred from the data (the smallest gap between bars) when left out. */
  barIntervalMs?: number;
  /** Start again from the first bar after the last, shifted in time. */
  loop?: boolean;
}

/** What a run asks of its bar source. */
export interface BarFeed {
  readonly barIntervalMs: number;
  /** Bars delivered so far, all laps counted. */
  readonly delivered: number;
  /** No bar will ever come again. */
  readonly finished: boolean;
  /** Delivery time of the next bar, or Infinity when none is known (yet). */
  nextEventMs(): number;
  /** The bar due at `timeMs`, taking it, or null when none is due then. */
  take(timeMs: number): Bar | null;
}

/** Used when there are fewer than two bars to infer the interval from. */
const fallbackBarIntervalMs = 60_000;

/**
 * Delivery times of `bars`, following a bar delivered at `previousMs` (-Infinity for none).
 * Throws when the bars are not in time order.
 */
function deliveryTimes(
  bars: BarColumns,
  barIntervalMs: number,
  tickIntervalMs: number,
  previousMs: number,
  firstIndex: number,
  /** Filled instead of a new array when it is large enough (the previous chunk's). */
  reuse?: Float64Array,
): Float64Array {
  const times = bars.timeMs;
  const deliveryMs =
    reuse && reuse.length >= bars.length ? reuse.subarray(0, bars.length) : new Float64Array(bars.length);
  let lastMs = previousMs;
  for (let i = 0; i < bars.length; i++) {
    if (i > 0 && !(times[i] > times[i - 1])) {
      throw new Error(
        `bar replay: bar ${firstIndex + i} (time ${times[i]}) is not after bar ${firstIndex + i - 1}`,
      );
    }
    lastMs = Math.max(alignUpMs(times[i] + barIntervalMs, tickIntervalMs), lastMs + tickIntervalMs);
    deliveryMs[i] = lastMs;
  }
  return deliveryMs;
}

export class BarReplay implements BarFeed {
  readonly barIntervalMs: number;
  /** Grid time each bar is delivered at, in the first lap. */
  private readonly deliveryMs: Float64Array;
  /** How far each lap is shifted from the previous one. */
  private readonly lapMs: number;
  private cursor = 0;

  constructor(
    private readonly bars: BarColumns,
    private readonly options: BarReplayOptions,
  ) {
    this.barIntervalMs = options.barIntervalMs ?? inferBarIntervalMs(bars);
    const { tickIntervalMs } = options;
    this.deliveryMs = deliveryTimes(bars, this.barIntervalMs, tickIntervalMs, Number.NEGATIVE_INFINITY, 0);
    // One lap later, the first bar opens where the bar after the last one would have.
    const count = bars.length;
    if (count === 0) this.lapMs = 0;
    else {
      const spanMs = bars.timeMs[count - 1] - bars.timeMs[0] + this.barIntervalMs;
      const deliverySpanMs = this.deliveryMs[count - 1] - this.deliveryMs[0] + tickIntervalMs;
      this.lapMs = alignUpMs(Math.max(spanMs, deliverySpanMs), tickIntervalMs);
    }
  }

  get length(): number {
    return this.bars.length;
  }

  get delivered(): number {
    return this.cursor;
  }

  get finished(): boolean {
    return this.bars.length === 0 || (!this.options.loop && this.cursor >= this.bars.length);
  }

  nextEventMs(): number {
    return this.deliveryTimeMs(0);
  }

  /** Delivery time of the bar `ahead` places after the next one (0 = the next), or Infinity. */
  deliveryTimeMs(ahead: number): number {
    const index = this.cursor + ahead;
    const count = this.bars.length;
    if (count === 0 || (!this.options.loop && index >= count)) return Number.POSITIVE_INFINITY;
    return this.deliveryMs[index % count] + Math.floor(index / count) * this.lapMs;
  }

  take(timeMs: number): Bar | null {
    const dueMs = this.nextEventMs();
    if (dueMs > timeMs) return null;
    if (dueMs < timeMs) throw missedBarError(this.cursor, dueMs, timeMs);
    const count = this.bars.length;
    const lap = Math.floor(this.cursor / count);
    const bar = barAt(this.bars, this.cursor % count, lap * this.lapMs);
    this.cursor++;
    return bar;
  }
}

/**
 * Bars appended chunk by chunk; only the chunk being delivered is held. The interval, when not
 * given, is inferred from the first chunk; a later gap shorter than that would have changed the
 * inference over the whole data (and so every delivery time), so it stops the replay instead.
 */
export class StreamedBarReplay implements BarFeed {
  private interval: number | undefined;
  private chunk: BarColumns | null = null;
  private deliveryMs: Float64Array = new Float64Array(0);
  private chunkCursor = 0;
  /** Bars delivered before the current chunk. */
  private base = 0;
  private lastDeliveryMs = Number.NEGATIVE_INFINITY;
  private lastTimeMs = Number.NEGATIVE_INFINITY;
  private inferredFrom = 0;
  private isClosed = false;

  constructor(private readonly options: { tickIntervalMs: number; barIntervalMs?: number }) {
    this.interval = options.barIntervalMs;
  }

  get barIntervalMs(): number {
    return this.interval ?? fallbackBarIntervalMs;
  }

  get delivered(): number {
    return this.base + this.chunkCursor;
  }

  /** Every bar of the current chunk is delivered: the next chunk (or close()) is due. */
  get drained(): boolean {
    return this.chunk === null || this.chunkCursor >= this.chunk.length;
  }

  get finished(): boolean {
    return this.isClosed && this.drained;
  }

  /** Add the next chunk; the previous one must be fully delivered. */
  append(chunk: BarColumns): void {
    if (this.isClosed) throw new Error('bar replay: append after close');
    if (!this.drained) throw new Error('bar replay: append before the previous chunk was delivered');
    if (chunk.length === 0) return;
    const firstIndex = this.delivered;
    if (this.interval === undefined) {
      this.interval = inferBarIntervalMs(chunk);
      this.inferredFrom = chunk.length;
    } else if (this.inferredFrom > 0) this.checkGaps(chunk, firstIndex);
    if (!(chunk.timeMs[0] > this.lastTimeMs)) {
      throw new Error(
        `bar replay: bar ${firstIndex} (time ${chunk.timeMs[0]}) is not after bar ${firstIndex - 1}`,
      );
    }
    this.deliveryMs = deliveryTimes(
      chunk,
      this.interval,
      this.options.tickIntervalMs,
      this.lastDeliveryMs,
      firstIndex,
      this.deliveryMs,
    );
    this.base = firstIndex;
    this.chunk = chunk;
    this.chunkCursor = 0;
    this.lastDeliveryMs = this.deliveryMs[chunk.length - 1];
    this.lastTimeMs = chunk.timeMs[chunk.length - 1];
  }

  /** No more chunks will come. */
  close(): void {
    this.isClosed = true;
  }

  nextEventMs(): number {
    if (this.drained) return Number.POSITIVE_INFINITY;
    return this.deliveryMs[this.chunkCursor];
  }

  take(timeMs: number): Bar | null {
    const dueMs = this.nextEventMs();
    if (dueMs > timeMs) return null;
    if (dueMs < timeMs) throw missedBarError(this.delivered, dueMs, timeMs);
    const bar = barAt(this.chunk as BarColumns, this.chunkCursor);
    this.chunkCursor++;
    return bar;
  }

  private checkGaps(chunk: BarColumns, firstIndex: number): void {
    const interval = this.interval as number;
    let previousMs = this.lastTimeMs;
    for (let i = 0; i < chunk.length; i++) {
      const gapMs = chunk.timeMs[i] - previousMs;
      if (gapMs > 0 && gapMs < interval) {
        throw new Error(
          `bar ${firstIndex + i + 1} (${new Date(chunk.timeMs[i]).toISOString()}) opens ${gapMs} ms after the ` +
            `previous bar, less than the bar interval of ${interval} ms found in the first ` +
            `${this.inferredFrom} bars: the data mixes bar intervals`,
        );
      }
      previousMs = chunk.timeMs[i];
    }
  }
}

function missedBarError(index: number, dueMs: number, timeMs: number): Error {
  return new Error(`bar replay: bar ${index} was due at ${dueMs} but the tick came at ${timeMs}`);
}

/** The smallest gap between consecutive bars: gaps in the data are longer, never shorter. */
export function inferBarIntervalMs(bars: BarColumns): number {
  const times = bars.timeMs;
  let smallestMs = Number.POSITIVE_INFINITY;
  for (let i = 1; i < bars.length; i++) smallestMs = Math.min(smallestMs, times[i] - times[i - 1]);
  return Number.isFinite(smallestMs) && smallestMs > 0 ? smallestMs : fallbackBarIntervalMs;
}
