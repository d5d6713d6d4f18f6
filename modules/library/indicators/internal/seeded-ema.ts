// TA-Lib's EMA: the first value is the SMA of the first `period` samples, then
// ema = (x - ema) * k + ema with k = 2 / (period + 1). DEMA, TEMA and MACD build on it.
export interface SeededEma {
  readonly period: number;
  readonly k: number;
  /** Samples taken while seeding, at most `period`. */
  seen: number;
  /** The seed sum while seeding, then the EMA. */
  value: number;
}

export function createSeededEma(period: number): SeededEma {
  return { period, k: 2 / (period + 1), seen: 0, value: 0 };
}

/** Take a sample; returns the EMA, or NaN while seeding. A NaN sample is skipped (NaN out). */
export function stepSeededEma(ema: SeededEma, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (ema.seen < ema.period) {
    ema.value += x;
    ema.seen++;
    if (ema.seen < ema.period) return Number.NaN;
    ema.value /= ema.period;
    return ema.value;
  }
  ema.value = (x - ema.value) * ema.k + ema.value;
  return ema.value;
}
