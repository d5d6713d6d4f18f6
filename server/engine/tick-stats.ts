// Tick statistics: how long ticks take and how often they miss their slot. Fixed-size state,
// updated in place, so recording never allocates.
import type { TickStatistics } from '@patchdesk/modules/contracts/hubs';

export interface TickStats extends TickStatistics {
  /** Grid slots that passed without a tick because the clock was late. */
  skippedTicks: number;
  /** Worst delay between a slot's time and the moment its tick started. */
  maxLatenessMs: number;
}

export class TickStatsRecorder {
  private ticks = 0;
  private totalMs = 0;
  private maxTickMs = 0;
  private overruns = 0;
  private skippedTicks = 0;
  private maxLatenessMs = 0;
  private lastTickAtMs = 0;

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
    };
  }
}
