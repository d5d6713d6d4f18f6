// The tick grid: tick times are whole multiples of the tick interval (100 ms by default), so
// every run, live or virtual, puts the same event on the same tick.

export const defaultTickIntervalMs = 100;

/** The first grid time at or after `timeMs`. */
export function alignUpMs(timeMs: number, tickIntervalMs: number): number {
  return Math.ceil(timeMs / tickIntervalMs) * tickIntervalMs;
}

/** The last grid time at or before `timeMs`. */
export function alignDownMs(timeMs: number, tickIntervalMs: number): number {
  return Math.floor(timeMs / tickIntervalMs) * tickIntervalMs;
}
