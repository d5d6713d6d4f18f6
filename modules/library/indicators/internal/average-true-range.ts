// TA-Lib's ATR core, shared by ATR and NATR: true range from the second bar on, Wilder
// smoothed, seeded with the mean of the first `period` true ranges (ready at bar `period`).
import { trueRange } from './true-range';
import { createWilderAverage, stepWilderAverage } from './wilder-average';
import type { WilderAverage } from './wilder-average';

export interface AverageTrueRange {
  hasPreviousClose: boolean;
  previousClose: number;
  readonly average: WilderAverage;
}

export function createAverageTrueRange(period: number): AverageTrueRange {
  return { hasPreviousClose: false, previousClose: 0, average: createWilderAverage(period) };
}

/** Take one bar; returns the ATR, or NaN during the lookback. */
export function stepAverageTrueRange(
  atr: AverageTrueRange,
  high: number,
  low: number,
  close: number,
): number {
  const hadPreviousClose = atr.hasPreviousClose;
  const range = trueRange(high, low, atr.previousClose);
  atr.previousClose = close;
  atr.hasPreviousClose = true;
  return hadPreviousClose ? stepWilderAverage(atr.average, range) : Number.NaN;
}
