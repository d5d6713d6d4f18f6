// Wilder's smoothing as TA-Lib does it (RSI, ATR, ADX): the first value is the mean of the
// first `period` samples, then avg = (avg * (period - 1) + x) / period, in that order.
export interface WilderAverage {
  readonly period: number;
  /** Samples taken while seeding, at most `period`. */
  seen: number;
  /** The seed sum while seeding, then the average. */
  value: number;
}

export function createWilderAverage(period: number): WilderAverage {
  return { period, seen: 0, value: 0 };
}

export function isWilderSeeded(average: WilderAverage): boolean {
  return average.seen === average.period;
}

/** Take a sample; returns the average, or NaN while seeding. */
export function stepWilderAverage(average: WilderAverage, x: number): number {
  if (average.seen < average.period) {
    average.value += x;
    average.seen++;
    if (average.seen < average.period) return Number.NaN;
    average.value /= average.period;
    return average.value;
  }
  average.value *= average.period - 1;
  average.value += x;
  average.value /= average.period;
  return average.value;
}
