// The objective of a sweep: one metric of the backtest result, by name, higher is better (for
// maxDrawdown, where lower is better, the score is its negation). A metric undefined for a run
// (NaN, e.g. a Sharpe ratio with under two days of returns) scores -Infinity, so it never wins
// over a defined one; ties go to the earlier run, so the choice is the same on every machine.
import type { Metrics } from '../metrics';

export const objectiveNames = [
  'sharpe',
  'sortino',
  'calmar',
  'totalReturn',
  'cagr',
  'profitFactor',
  'expectancy',
  'winRate',
  'maxDrawdown',
] as const;

export type ObjectiveName = (typeof objectiveNames)[number];

const lowerIsBetter: ReadonlySet<ObjectiveName> = new Set(['maxDrawdown']);

/** The run's score under `objective` (higher is better; -Infinity when undefined). */
export function scoreOf(
  metrics: Pick<Metrics, ObjectiveName> | Record<string, number | null>,
  objective: ObjectiveName,
): number {
  const value = (metrics as Record<string, number | null>)[objective];
  if (value === null || value === undefined || Number.isNaN(value)) return Number.NEGATIVE_INFINITY;
  return lowerIsBetter.has(objective) ? -value : value;
}

/** Index of the best score; the first of equal ones; -1 for none. */
export function bestIndex(scores: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (best === -1 || scores[i] > scores[best]) best = i;
  return best;
}
