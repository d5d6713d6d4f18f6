// A finished sweep as the editor shows it and the store keeps it (SweepOutcome of
// modules/contracts/sweep.ts): per run the params, the objective's own value and the key
// metrics, in plan order, and the best row. The same shape from the hub and from the CLI.
import {
  sweepRowMetrics,
  type SweepOutcome,
  type SweepRow,
  type SweepSearch,
} from '@patchdesk/modules/contracts/sweep';
import type { BarColumns } from '../../market/bar-columns';
import type { SweepResult } from './sweep';
import type { SweepPlan } from './sweep-spec';

/** The objective metric's own value back from its score (maxDrawdown's score is negated). */
export function valueOfScore(score: number, objective: SweepPlan['objective']): number {
  return objective === 'maxDrawdown' ? -score : score;
}

export function sweepOutcomeOf(
  sweep: { id: string; name: string; search: SweepSearch },
  result: SweepResult,
  bars: BarColumns,
): SweepOutcome {
  const rows: SweepRow[] = result.runs.map((run) => {
    const metrics = {} as SweepRow['metrics'];
    for (const name of sweepRowMetrics) metrics[name] = run.result.metrics[name];
    return {
      index: run.index,
      params: run.params,
      value: Number.isFinite(run.score) ? valueOfScore(run.score, result.objective) : null,
      metrics,
    };
  });
  const best = result.best && Number.isFinite(result.best.score) ? result.runs.indexOf(result.best) : -1;
  return {
    id: sweep.id,
    name: sweep.name,
    status: result.status,
    objective: result.objective,
    ranges: result.ranges.map((range) => ({ ...range })),
    search: sweep.search,
    bars: {
      count: bars.length,
      firstTimeMs: bars.length > 0 ? bars.timeMs[0] : null,
      lastTimeMs: bars.length > 0 ? bars.timeMs[bars.length - 1] : null,
    },
    rows,
    best: best >= 0 ? best : null,
  };
}
