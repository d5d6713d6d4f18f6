// The virtual clock, for replays and backtests: time comes from the data, not the wall. It
// visits only the grid ticks where something happens (an event arrives or the kernel asked to
// be woken), which the tick semantics guarantee gives the same outputs as visiting every tick.
// It runs as fast as possible, or paced at a speed factor against a clock driver.
import { systemClockDriver, type ClockDriver } from './clock-driver';
import { alignUpMs, defaultTickIntervalMs } from './tick-grid';

/** What the clock asks about the world to pick the next tick. */
export interface TickSchedule {
  /** Grid time of the next external event, or Infinity when none remain. */
  nextEventMs(): number;
  /** Earliest wake-up the kernel asked for, or Infinity. */
  nextWakeMs(): number;
}

export interface VirtualClockOptions {
  schedule: TickSchedule;
  /** Called for each visited tick, synchronously; a throw propagates out of step() and run(). */
  onTick(timeMs: number): void;
  tickIntervalMs?: number;
  /** Visit every grid tick from the first event on, not only busy ones (equivalence tests). */
  everyTick?: boolean;
}

export interface VirtualRunOptions {
  /** Virtual milliseconds per wall millisecond; Infinity (the default) is as fast as possible. */
  speed?: number;
  driver?: ClockDriver;
  /** Wall time between yields to the event loop, so stop() and progress get their turn. */
  sliceMs?: number;
  /** Called after each slice with its tick count and wall duration (progress, statistics, output). */
  onSlice?(ticks: number, durationMs: number): void;
}

const defaultSliceMs = 25;
/** Reading the wall clock costs more than a small tick: look at it every this many ticks. */
const ticksPerClockRead = 64;

export class VirtualClock {
  readonly tickIntervalMs: number;
  private lastTickMs = Number.NEGATIVE_INFINITY;
  private visitedTicks = 0;
  private stopRequested = false;

  constructor(private readonly options: VirtualClockOptions) {
    this.tickIntervalMs = options.tickIntervalMs ?? defaultTickIntervalMs;
  }

  get ticks(): number {
    return this.visitedTicks;
  }

  /** Time of the last visited tick (-Infinity before the first). */
  get timeMs(): number {
    return this.lastTickMs;
  }

  /**
   * The next tick to visit, or Infinity when the run is over. A run ends with its events:
   * wake-ups still pending after the last event are not visited (nothing could observe them).
   */
  nextTickMs(): number {
    const { schedule, everyTick } = this.options;
    const interval = this.tickIntervalMs;
    const eventMs = schedule.nextEventMs();
    if (eventMs === Number.POSITIVE_INFINITY) return eventMs;
    const eventTickMs = alignUpMs(eventMs, interval);
    // The run starts at its first event; nothing before it can be observed.
    if (this.visitedTicks === 0) return eventTickMs;
    const earliestMs = this.lastTickMs + interval;
    let nextMs = Math.min(eventTickMs, alignUpMs(schedule.nextWakeMs(), interval));
    if (everyTick) nextMs = Math.min(nextMs, earliestMs);
    // A wake-up asked for a time already past is due at the next tick.
    return Math.max(nextMs, earliestMs);
  }

  /** Visit the next tick; false when the run is over. */
  step(): boolean {
    const timeMs = this.nextTickMs();
    if (timeMs === Number.POSITIVE_INFINITY) return false;
    this.visit(timeMs);
    return true;
  }

  private visit(timeMs: number): void {
    this.lastTickMs = timeMs;
    this.visitedTicks++;
    this.options.onTick(timeMs);
  }

  /** Visit every tick up to and including `timeMs`. */
  runUntil(timeMs: number): void {
    for (;;) {
      const nextMs = this.nextTickMs();
      if (nextMs > timeMs || nextMs === Number.POSITIVE_INFINITY) return;
      this.visit(nextMs);
    }
  }

  /** Ask run() to return after the current tick. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Visit ticks until the run is over or stopped, yielding to the event loop between slices. */
  async run(options: VirtualRunOptions = {}): Promise<void> {
    const driver = options.driver ?? systemClockDriver;
    const speed = options.speed ?? Number.POSITIVE_INFINITY;
    if (!(speed > 0)) throw new Error(`virtual clock: speed must be positive, got ${speed}`);
    const sliceMs = options.sliceMs ?? defaultSliceMs;
    const paced = speed !== Number.POSITIVE_INFINITY;
    const startWallMs = driver.nowMs();
    let startVirtualMs = Number.NaN;
    this.stopRequested = false;
    while (!this.stopRequested) {
      const sliceStartMs = driver.nowMs();
      const sliceEndMs = sliceStartMs + sliceMs;
      const ticksBefore = this.visitedTicks;
      let waitMs = 0;
      let finished = false;
      for (let sinceClockRead = 1; ; sinceClockRead++) {
        const nextMs = this.nextTickMs();
        if (nextMs === Number.POSITIVE_INFINITY) {
          finished = true;
          break;
        }
        if (paced) {
          if (Number.isNaN(startVirtualMs)) startVirtualMs = nextMs;
          waitMs = startWallMs + (nextMs - startVirtualMs) / speed - driver.nowMs();
          if (waitMs > 0) break;
        }
        this.visit(nextMs);
        if (this.stopRequested) break;
        if (sinceClockRead % ticksPerClockRead === 0 && driver.nowMs() >= sliceEndMs) break;
      }
      options.onSlice?.(this.visitedTicks - ticksBefore, driver.nowMs() - sliceStartMs);
      if (finished) return;
      if (waitMs > 0) await new Promise<void>((resolve) => driver.setTimer(resolve, waitMs));
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
