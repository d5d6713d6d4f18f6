// Population variance over a sliding window as TA-Lib computes it (STDDEV, BBANDS):
// E[x^2] - mean^2 from running sums, both slid as (sum - oldest) + newest.
import { createRingWindow, isWindowFull, pushToWindow } from './ring-window';
import type { RingWindow } from './ring-window';
import { isNearZeroOrNegative } from './near-zero';

export interface RollingVariance {
  readonly window: RingWindow;
  sumSquares: number;
}

export function createRollingVariance(size: number): RollingVariance {
  return { window: createRingWindow(size), sumSquares: 0 };
}

/** Add a sample; true once the window is full. */
export function pushToVariance(rolling: RollingVariance, x: number): boolean {
  const dropped = pushToWindow(rolling.window, x);
  if (!Number.isNaN(dropped)) rolling.sumSquares -= dropped * dropped;
  rolling.sumSquares += x * x;
  return isWindowFull(rolling.window);
}

export function windowMean(rolling: RollingVariance): number {
  return rolling.window.sum / rolling.window.size;
}

/** Standard deviation (divide by n); 0 when the variance is tiny or negative from rounding. */
export function windowDeviation(rolling: RollingVariance): number {
  const mean = windowMean(rolling);
  const variance = rolling.sumSquares / rolling.window.size - mean * mean;
  return isNearZeroOrNegative(variance) ? 0 : Math.sqrt(variance);
}
