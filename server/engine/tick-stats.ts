// Tick statistics: how long ticks take and how often they miss their slot. Fixed-size state,
// updated in place, so recording never allocates. Lateness percentiles are taken over a
// window of the most recent ticks (what the run is like now, not an hour ago), sorted only
// when a snapshot is asked for (about once a second).
import type { LatenessStatistics, TickStatistics } from '@patchdesk/modules/contracts/hubs';

export interface TickStats extends TickStatistics {
  /** Grid slots that passed without a tick because the clock was late. */
  skippedTicks: number;
  /** Worst delay between a slot's time and the moment its tick started. */
  maxLatenessMs: number;
  latenessMs: LatenessStatistics;
}

/** Ticks the lateness percentiles are taken over: 102 s at 10 Hz. */
export const latenessWindowTicks = 1_024;

export class TickStatsRecorder {
  private ticks = 0;
  private totalMs = 0;
  private maxTickMs = 0;
  private overruns = 0;
  private skippedTicks = 0;
  private maxLatenessMs = 0;
  private lastTickAtMs = 0;
  private readonly lateness = new Float64Array(latenessWindowTicks);
  private readonly sorted = new Float64Array(latenessWindowTicks);
  private latenessRecorded = 0;

  record(
    tickAtMs: number,
    durationMs: number,
    latenessMs: number,
    skippedTicks: number,
    overran: boolean,
  ): void {
    this.ticks++;
    this.totalMs += durationMs;
    if (durationMs > this.maxTickMs) this.maxTickMs = durationMs;
    if (latenessMs > this.maxLatenessMs) this.maxLatenessMs = latenessMs;
    this.lateness[this.latenessRecorded % latenessWindowTicks] = latenessMs;
    this.latenessRecorded++;
    if (overran) this.overruns++;
    this.skippedTicks += skippedTicks;
    this.lastTickAtMs = tickAtMs;
  }

  /**
   * Several ticks timed together (a slice of a virtual run, where timing each tick would cost
   * more than many ticks take): the slowest batch's mean stands in for the slowest tick.
   */
  recordBatch(lastTickAtMs: number, ticks: number, durationMs: number): void {
    if (ticks === 0) return;
    this.ticks += ticks;
    this.totalMs += durationMs;
    if (durationMs / ticks > this.maxTickMs) this.maxTickMs = durationMs / ticks;
    this.lastTickAtMs = lastTickAtMs;
  }

  snapshot(): TickStats {
    return {
      ticks: this.ticks,
      meanTickMs: this.ticks === 0 ? 0 : this.totalMs / this.ticks,
      maxTickMs: this.maxTickMs,
      overruns: this.overruns,
      lastTickAtMs: this.lastTickAtMs,
      skippedTicks: this.skippedTicks,
      maxLatenessMs: this.maxLatenessMs,
      latenessMs: this.latenessPercentiles(),
    };
  }

  /** Nearest-rank percentiles of the window: the smallest value with p% of values at or below. */
  private latenessPercentiles(): LatenessStatistics {
    const count = Math.min(this.latenessRecorded, latenessWindowTicks);
    if (count === 0) return { p50: 0, p99: 0, max: this.maxLatenessMs };
    const window = this.sorted.subarray(0, count);
    window.set(this.lateness.subarray(0, count));
    window.sort();
    const rank = (percent: number) => window[Math.ceil((percent / 100) * count) - 1];
    return { p50: rank(50), p99: rank(99), max: this.maxLatenessMs };
  }
}
