// Population standard deviation over a sliding window (STDDEV, BBANDS), right at any price
// level, and exactly 0 for a window of identical samples.
//
// TA-Lib computes E[x^2] - mean^2 from running sums of x and x^2 and calls anything under
// 1e-8 zero. Both go wrong with the price scale: the subtraction cancels the digits the
// variance lives in (at BTC prices mean^2 ~ 2e9 against a variance of a few units: TA-Lib's
// STDDEV is off by up to 5e-9 relative on the fixture), and the absolute 1e-8 wipes out the
// whole variance of a coin priced near 0.001 (about 1e-12).
//
// Here the running sums are of d = x - reference, with the reference set to the window mean at
// each exact pass, so what cancels is the drift of the mean since then, not the price level.
// The rounding those sums accumulate is bounded by updates * eps * (largest sum of squares since
// the last exact pass); when that bound could reach 1e-11 of the sum of squared deviations (a
// wide window sliding into a tight one), and every `size` updates anyway (amortised O(1)), the
// sums are recomputed exactly in O(size). No threshold is involved: a window of identical
// samples is detected exactly (a run of equal samples as long as the window) and reads 0.
//
// The push takes the sample as the module's inputs object and leaves the deviation in the
// state, so no loose number crosses a call V8 may not inline (../README.md).
import { createRingWindow, isWindowFull, pushToWindow } from './ring-window';
import type { RingWindow } from './ring-window';

/** Recompute once the sums may carry this relative error: 100x margin on the promised 1e-9. */
const relativeErrorMax = 1e-11;
/**
 * Rounding one replace update can add, in units of eps times the largest sum of squares: the
 * two shifted samples (each at most that sum's square root), their sum, difference and
 * product, and the addition, with room to spare.
 */
const roundingPerUpdate = 8 * Number.EPSILON;

/** The sample a push reads: the module's own inputs object. */
export interface Sample {
  readonly in: number;
}

export class RollingVariance {
  readonly window: RingWindow;
  /** Subtracted from every sample before the sums; the window mean at the last exact pass. */
  reference = Number.NaN;
  /** Sum of (x - reference) over the window. */
  shiftedSum = Number.NaN;
  /** Sum of (x - reference)^2 over the window. */
  shiftedSquares = Number.NaN;
  /** Largest shiftedSquares since the last exact pass: what the sums' rounding scales with. */
  squaresPeak = Number.NaN;
  updatesSinceExact = 0;
  /** False until the first exact pass over a full window. */
  sumsValid = false;
  /** How many of the newest samples equal the newest one (so the window is flat at `size`). */
  equalRun = 0;
  /** Population standard deviation of the full window after the last push; NaN before. */
  deviation = Number.NaN;

  constructor(size: number) {
    this.window = createRingWindow(size);
    this.reference = 0;
    this.shiftedSum = 0;
    this.shiftedSquares = 0;
    this.squaresPeak = 0;
  }
}

export function createRollingVariance(size: number): RollingVariance {
  return new RollingVariance(size);
}

/** Add a sample; true once the window is full, and `rolling.deviation` is then its deviation. */
export function pushToVariance(rolling: RollingVariance, sample: Sample): boolean {
  const x = sample.in;
  const window = rolling.window;
  const newest =
    window.count === 0 ? Number.NaN : window.values[window.next === 0 ? window.size - 1 : window.next - 1];
  rolling.equalRun = x === newest ? rolling.equalRun + 1 : 1;
  pushToWindow(window, x);
  const dropped = window.dropped;
  if (!isWindowFull(window)) return false;
  if (rolling.equalRun >= window.size) {
    // Flat: exactly 0. The sums are left behind; the first window that moves again gets an
    // exact pass (checking their precision here would ask for one on every flat bar).
    rolling.deviation = 0;
    rolling.sumsValid = false;
    return true;
  }
  if (!rolling.sumsValid || rolling.updatesSinceExact >= window.size) {
    exactPass(rolling);
  } else {
    const entering = x - rolling.reference;
    const leaving = dropped - rolling.reference;
    rolling.shiftedSum = rolling.shiftedSum - leaving + entering;
    rolling.shiftedSquares += (entering - leaving) * (entering + leaving);
    if (rolling.shiftedSquares > rolling.squaresPeak) rolling.squaresPeak = rolling.shiftedSquares;
    rolling.updatesSinceExact++;
    if (precisionAtRisk(rolling)) exactPass(rolling);
  }
  settleDeviation(rolling);
  return true;
}

/** Mean of the window from the running sum, in TA-Lib's order (BBANDS' middle band is TA-Lib's SMA). */
export function windowMean(rolling: RollingVariance): number {
  return rolling.window.sum / rolling.window.size;
}

/** Sum of squared deviations from the mean, from the shifted sums. */
function squaredDeviations(rolling: RollingVariance): number {
  return rolling.shiftedSquares - (rolling.shiftedSum * rolling.shiftedSum) / rolling.window.size;
}

function precisionAtRisk(rolling: RollingVariance): boolean {
  // Accumulated rounding of the sums, plus the cancellation in squaredDeviations.
  const bound =
    rolling.updatesSinceExact * roundingPerUpdate * rolling.squaresPeak +
    roundingPerUpdate * rolling.shiftedSquares;
  return !(bound <= relativeErrorMax * squaredDeviations(rolling));
}

/** Recompute the sums from the window: reference = its mean, then the deviations from it. */
function exactPass(rolling: RollingVariance): void {
  const { values, size } = rolling.window;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += values[i];
  const reference = sum / size;
  let shiftedSum = 0;
  let shiftedSquares = 0;
  for (let i = 0; i < size; i++) {
    const d = values[i] - reference;
    shiftedSum += d;
    shiftedSquares += d * d;
  }
  rolling.reference = reference;
  rolling.shiftedSum = shiftedSum;
  rolling.shiftedSquares = shiftedSquares;
  rolling.squaresPeak = shiftedSquares;
  rolling.updatesSinceExact = 0;
  rolling.sumsValid = true;
}

function settleDeviation(rolling: RollingVariance): void {
  const squares = squaredDeviations(rolling);
  rolling.deviation = squares > 0 ? Math.sqrt(squares / rolling.window.size) : 0;
}
