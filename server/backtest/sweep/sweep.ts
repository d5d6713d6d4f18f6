// A sweep: the backtests of every param combination of a plan, sent through an executor with
// at most `executor.concurrency` in flight (so no queue grows past that), scored by the plan's
// objective. Results are put back in plan order, so they do not depend on which run finished
// first: the same plan and data give the same result in-process, on threads or on workers.
import type { Patch } from '@patchdesk/modules/patch/types';
import type { VenueModelInput } from '../../trading/session/paper-config';
import { inProcessExecutor, type SweepExecutor } from './executors';
import { bestIndex, scoreOf, type ObjectiveName } from './objective';
import { namedParams, patchWithParams } from './patch-with-params';
import type { SweepParamRange, SweepPlan } from './sweep-spec';
import type { SweepData, SweepRunResult } from './sweep-task';

export interface SweepOptions {
  patch: Patch;
  plan: SweepPlan;
  data: SweepData;
  model?: VenueModelInput;
  executor?: SweepExecutor;
  /** Bars [barFrom, barTo) of the data (default: all). */
  barFrom?: number;
  barTo?: number;
  tradeFromMs?: number;
  displayPoints?: number;
  onProgress?: (progress: SweepProgress) => void;
  signal?: AbortSignal;
}

export interface SweepProgress {
  done: number;
  total: number;
  /** The best score so far (-Infinity before any defined one). */
  bestScore: number;
}

export interface SweepRun {
  index: number;
  params: Record<string, number>;
  score: number;
  result: SweepRunResult;
}

export interface SweepResult {
  status: 'completed' | 'cancelled';
  objective: ObjectiveName;
  ranges: SweepParamRange[];
  /** In plan order; a cancelled sweep holds the runs that finished. */
  runs: SweepRun[];
  best: SweepRun | null;
}

export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const { plan, data } = options;
  const executor = options.executor ?? inProcessExecutor();
  const total = plan.paramSets.length;
  const results = new Array<SweepRunResult | undefined>(total);
  let next = 0;
  let done = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const signal = options.signal;

  const worker = async (): Promise<void> => {
    while (next < total && !signal?.aborted) {
      const index = next++;
      const result = await executor.run(
        {
          index,
          patch: patchWithParams(options.patch, plan.ranges, plan.paramSets[index]),
          data,
          model: options.model ?? {},
          barFrom: options.barFrom ?? 0,
          barTo: options.barTo ?? data.bars.length,
          tradeFromMs: options.tradeFromMs,
          displayPoints: options.displayPoints,
        },
        signal,
      );
      results[index] = result;
      done++;
      bestScore = Math.max(bestScore, scoreOf(result.metrics, plan.objective));
      options.onProgress?.({ done, total, bestScore });
    }
  };
  const lanes = Math.max(1, Math.min(executor.concurrency, total));
  try {
    await Promise.all(Array.from({ length: lanes }, worker));
  } catch (error) {
    if (!signal?.aborted) throw error;
  }

  const runs: SweepRun[] = [];
  results.forEach((result, index) => {
    if (!result) return;
    runs.push({
      index,
      params: namedParams(plan.ranges, plan.paramSets[index]),
      score: scoreOf(result.metrics, plan.objective),
      result,
    });
  });
  const best = bestIndex(runs.map((run) => run.score));
  return {
    status: signal?.aborted || runs.length < total ? 'cancelled' : 'completed',
    objective: plan.objective,
    ranges: plan.ranges,
    runs,
    best: best === -1 ? null : runs[best],
  };
}
