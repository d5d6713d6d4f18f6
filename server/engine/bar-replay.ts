// Replays an array of bars on the tick grid. A bar is known only once it has closed, so it is
// delivered at the tick of its close time: open time + bar interval, aligned up to the grid.
// (1-minute bars close on whole minutes, already on the 100 ms grid.) Optionally loops: each
// lap is shifted by the span of the data so time keeps moving forwards.
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { alignUpMs } from './tick-grid';

export interface BarReplayOptions {
  tickIntervalMs: number;
  /** Bar length; inferred from the data (the smallest gap between bars) when left out. */
  barIntervalMs?: number;
  /** Start again from the first bar after the last, shifted in time. */
  loop?: boolean;
}

/** Used when there are fewer than two bars to infer the interval from. */
const fallbackBarIntervalMs = 60_000;

export class BarReplay {
  readonly barIntervalMs: number;
  /** Grid time each bar is delivered at, in the first lap. */
  private readonly deliveryMs: Float64Array;
  /** How far each lap is shifted from the previous one. */
  private readonly lapMs: number;
  private cursor = 0;

  constructor(
    private readonly bars: readonly Bar[],
    private readonly options: BarReplayOptions,
  ) {
    this.barIntervalMs = options.barIntervalMs ?? inferBarIntervalMs(bars);
    const { tickIntervalMs } = options;
    this.deliveryMs = new Float64Array(bars.length);
    let previousMs = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < bars.length; i++) {
      if (i > 0 && !(bars[i].timeMs > bars[i - 1].timeMs)) {
        throw new Error(`bar replay: bar ${i} (time ${bars[i].timeMs}) is not after bar ${i - 1}`);
      }
      // Two bars closing within one tick go to consecutive ticks: one bar per tick, in order.
      previousMs = Math.max(
        alignUpMs(bars[i].timeMs + this.barIntervalMs, tickIntervalMs),
        previousMs + tickIntervalMs,
      );
      this.deliveryMs[i] = previousMs;
    }
    // One lap later, the first bar opens where the bar after the last one would have.
    if (bars.length === 0) this.lapMs = 0;
    else {
      const spanMs = bars[bars.length - 1].timeMs - bars[0].timeMs + this.barIntervalMs;
      const deliverySpanMs = previousMs - this.deliveryMs[0] + tickIntervalMs;
      this.lapMs = alignUpMs(Math.max(spanMs, deliverySpanMs), tickIntervalMs);
    }
  }

  get length(): number {
    return this.bars.length;
  }

  /** Bars delivered so far, all laps counted. */
  get delivered(): number {
    return this.cursor;
  }

  get finished(): boolean {
    return this.bars.length === 0 || (!this.options.loop && this.cursor >= this.bars.length);
  }

  /** Delivery time of the next bar, or Infinity when there are no more. */
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

  /** The bar due at `timeMs`, taking it, or null when none is due then. */
  take(timeMs: number): Bar | null {
    const dueMs = this.nextEventMs();
    if (dueMs > timeMs) return null;
    if (dueMs < timeMs)
      throw new Error(`bar replay: bar ${this.cursor} was due at ${dueMs} but the tick came at ${timeMs}`);
    const count = this.bars.length;
    const lap = Math.floor(this.cursor / count);
    const bar = this.bars[this.cursor % count];
    this.cursor++;
    return lap === 0 ? bar : { ...bar, timeMs: bar.timeMs + lap * this.lapMs };
  }
}

/** The smallest gap between consecutive bars: gaps in the data are longer, never shorter. */
export function inferBarIntervalMs(bars: readonly Bar[]): number {
  let smallestMs = Number.POSITIVE_INFINITY;
  for (let i = 1; i < bars.length; i++)
    smallestMs = Math.min(smallestMs, bars[i].timeMs - bars[i - 1].timeMs);
  return Number.isFinite(smallestMs) && smallestMs > 0 ? smallestMs : fallbackBarIntervalMs;
}
