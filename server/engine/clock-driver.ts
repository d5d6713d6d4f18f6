// Where clocks read the time and set timers. Injected so tests drive time by hand and never
// depend on how fast the machine is.

export interface ClockDriver {
  /** Wall time in UTC milliseconds, possibly fractional. */
  nowMs(): number;
  /** Call `callback` once after `delayMs`; returns a function that cancels it. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

/**
 * The machine's clock. performance.now() is monotonic and sub-millisecond (tick durations need
 * both); adding timeOrigin puts it on the wall-time axis that the tick grid is aligned to.
 */
const timeOriginMs = performance.timeOrigin; // a getter that costs more than now() itself

export const systemClockDriver: ClockDriver = {
  nowMs: () => timeOriginMs + performance.now(),
  setTimer(callback, delayMs) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  },
};
