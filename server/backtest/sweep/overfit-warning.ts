// The overfitting warning of a walk-forward. Walk-forward efficiency = mean out-of-sample
// Sharpe / mean in-sample Sharpe, over the windows where both are defined. The warning is
// raised when the in-sample mean is above `inSampleSharpeFloor` (a strategy that looked good)
// and the efficiency is under `efficiencyMin` (out-of-sample kept under half of it).
export const efficiencyMin = 0.5;
export const inSampleSharpeFloor = 0.5;

export interface OverfitVerdict {
  meanInSampleSharpe: number | null;
  meanOutOfSampleSharpe: number | null;
  /** null when either mean is undefined or the in-sample mean is not positive. */
  efficiency: number | null;
  warning: string | null;
}

export function overfitVerdict(
  pairs: readonly { inSample: number | null; outOfSample: number | null }[],
): OverfitVerdict {
  const both = pairs.filter(
    (p): p is { inSample: number; outOfSample: number } =>
      p.inSample !== null &&
      p.outOfSample !== null &&
      Number.isFinite(p.inSample) &&
      Number.isFinite(p.outOfSample),
  );
  if (both.length === 0) {
    return { meanInSampleSharpe: null, meanOutOfSampleSharpe: null, efficiency: null, warning: null };
  }
  const meanIn = both.reduce((sum, p) => sum + p.inSample, 0) / both.length;
  const meanOut = both.reduce((sum, p) => sum + p.outOfSample, 0) / both.length;
  const efficiency = meanIn > 0 ? meanOut / meanIn : null;
  const warning =
    meanIn > inSampleSharpeFloor && efficiency !== null && efficiency < efficiencyMin
      ? `in-sample Sharpe ${meanIn.toFixed(2)} far exceeds out-of-sample Sharpe ${meanOut.toFixed(2)} ` +
        `(efficiency ${efficiency.toFixed(2)}, under ${efficiencyMin}): the chosen params are likely fitted to noise`
      : null;
  return { meanInSampleSharpe: meanIn, meanOutOfSampleSharpe: meanOut, efficiency, warning };
}
