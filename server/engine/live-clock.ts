// The live clock: ticks on the wall-time grid (10 Hz by default). Each tick is scheduled
// against its absolute slot time, not as "interval after the last one", so timer jitter and
// tick work never accumulate into drift. A late clock skips to the newest slot that has begun:
// live data is about now, and replaying missed slots would only make it later.
import { systemClockDriver, type ClockDriver } from './clock-driver';
import { alignUpMs, defaultTickIntervalMs } from './tick-grid';
import { TickStatsRecorder, type TickStats } from './tick-stats';

export interface LiveClockOptions {
  /** Called with the slot time (a multiple of the interval); synchronous. Return false to stop. */
  onTick(timeMs: number): boolean | void;
  /** Called after each tick's statistics are recorded (progress reports read them here). */
  afterTick?(): void;
  /** Called when onTick throws; the clock has already stopped. Without it the error is dropped. */
  onError?(error: unknown): void;
  tickIntervalMs?: number;
  driver?: ClockDriver;
}

export class LiveClock {
  readonly tickIntervalMs: number;
  private readonly driver: ClockDriver;
  private readonly recorder = new TickStatsRecorder();
  private nextSlotMs = 0;
  private cancelTimer: (() => void) | null = null;
  private isRunning = false;

  constructor(private readonly options: LiveClockOptions) {
    this.tickIntervalMs = options.tickIntervalMs ?? defaultTickIntervalMs;
    this.driver = options.driver ?? systemClockDriver;
    if (!(this.tickIntervalMs > 0))
      throw new Error(`live clock: tickIntervalMs must be positive, got ${this.tickIntervalMs}`);
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** Start ticking at the next grid slot (now, when now is exactly on the grid). */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.nextSlotMs = alignUpMs(this.driver.nowMs(), this.tickIntervalMs);
    this.arm();
  }

  stop(): void {
    this.isRunning = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  stats(): TickStats {
    return this.recorder.snapshot();
  }

  private arm(): void {
    // Always against the absolute slot time; a timer that fires early (they have millisecond
    // granularity) is simply re-armed for the remainder.
    this.cancelTimer = this.driver.setTimer(this.fire, this.nextSlotMs - this.driver.nowMs());
  }

  private readonly fire = (): void => {
    this.cancelTimer = null;
    if (!this.isRunning) return;
    const interval = this.tickIntervalMs;
    const startedAtMs = this.driver.nowMs();
    if (startedAtMs < this.nextSlotMs) {
      this.arm();
      return;
    }
    const skippedTicks = Math.floor((startedAtMs - this.nextSlotMs) / interval);
    const slotMs = this.nextSlotMs + skippedTicks * interval;
    let keepGoing: boolean | void;
    try {
      keepGoing = this.options.onTick(slotMs);
    } catch (error) {
      this.stop();
      this.options.onError?.(error);
      return;
    }
    const durationMs = this.driver.nowMs() - startedAtMs;
    const overran = durationMs > interval || skippedTicks > 0;
    this.recorder.record(slotMs, durationMs, startedAtMs - slotMs, skippedTicks, overran);
    this.nextSlotMs = slotMs + interval;
    if (keepGoing === false) this.stop();
    this.options.afterTick?.();
    if (this.isRunning) this.arm();
  };
}
