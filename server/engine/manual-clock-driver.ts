// A clock driver whose time moves only when told to: for deterministic clock and run tests.
import type { ClockDriver } from './clock-driver';

interface Timer {
  dueMs: number;
  order: number;
  callback: () => void;
}

export class ManualClockDriver implements ClockDriver {
  private timeMs: number;
  private timers: Timer[] = [];
  private order = 0;

  constructor(startMs = 0) {
    this.timeMs = startMs;
  }

  nowMs(): number {
    return this.timeMs;
  }

  setTimer(callback: () => void, delayMs: number): () => void {
    const timer: Timer = { dueMs: this.timeMs + Math.max(0, delayMs), order: this.order++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Let time pass without firing timers, as work inside a callback does. */
  spend(durationMs: number): void {
    this.timeMs += durationMs;
  }

  /** Move time to `timeMs`, firing every timer due by then in due order (timers set meanwhile too). */
  advanceTo(timeMs: number): void {
    for (;;) {
      const next = this.nextTimer();
      if (!next || next.dueMs > timeMs) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.timeMs = Math.max(this.timeMs, next.dueMs);
      next.callback();
    }
    this.timeMs = Math.max(this.timeMs, timeMs);
  }

  advanceBy(durationMs: number): void {
    this.advanceTo(this.timeMs + durationMs);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  private nextTimer(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.dueMs < best.dueMs || (timer.dueMs === best.dueMs && timer.order < best.order))
        best = timer;
    }
    return best;
  }
}
