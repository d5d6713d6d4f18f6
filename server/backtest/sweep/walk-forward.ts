// A walk-forward: for each window, a sweep over its in-sample bars picks the best params by the
// objective; one backtest with those params then runs over in-sample + out-of-sample bars with
// tradeFromMs at the out-of-sample start, so its indicators are warm but it trades, and is
// measured, only out-of-sample. The out-of-sample equity curves are stitched (see
// server/backtest/README.md, "Walk-forward"), and the overfitting verdict is attached.
import type { Patch } from '@patchdesk/modules/patch/types';
import { venueModelOf, type VenueModelInput } from '../../trading/session/paper-config';
import { inProcessExecutor, type SweepExecutor } from './executors';
import { overfitVerdict, type OverfitVerdict } from './overfit-warning';
import { namedParams, patchWithParams } from './patch-with-params';
import { runSweep } from './sweep';
import type { SweepPlan } from './sweep-spec';
import type { SweepData, SweepRunResult } from './sweep-task';
import { walkWindows, type WalkWindow } from './walk-windows';

export interface WalkForwardOptions {
  patch: Patch;
  plan: SweepPlan;
  data: SweepData;
  model?: VenueModelInput;
  inSampleMs: number;
  outOfSampleMs: number;
  executor?: SweepExecutor;
  onProgress?: (progress: WalkForwardProgress) => void;
  signal?: AbortSignal;
}

export interface WalkForwardProgress {
  /** Backtests done and in all (each window: its sweep plus one out-of-sample run). */
  done: number;
  total: number;
  window: number;
  windows: number;
}

export interface WalkForwardWindowResult {
  window: WalkWindow;
  params: Record<string, number>;
  inSampleScore: number;
  inSampleSharpe: number | null;
  outOfSampleSharpe: number | null;
  outOfSample: SweepRunResult;
}

export interface WalkForwardResult {
  status: 'completed' | 'cancelled';
  objective: SweepPlan['objective'];
  windows: WalkForwardWindowResult[];
  /** The out-of-sample equity, stitched: each window's curve scaled to start where the last ended. */
  stitched: { timeMs: number[]; equity: number[] };
  /** Stitched final equity / starting balance - 1. */
  outOfSampleReturn: number;
  verdict: OverfitVerdict;
}

export async function runWalkForward(options: WalkForwardOptions): Promise<WalkForwardResult> {
  const { plan, data, signal } = options;
  const executor = options.executor ?? inProcessExecutor();
  const windows = walkWindows(data.bars, options.inSampleMs, options.outOfSampleMs);
  const perWindow = plan.paramSets.length + 1;
  const total = windows.length * perWindow;
  const results: WalkForwardWindowResult[] = [];
  let status: WalkForwardResult['status'] = 'completed';

  for (const [w, window] of windows.entries()) {
    const base = w * perWindow;
    const report = (done: number) =>
      options.onProgress?.({ done: base + done, total, window: w + 1, windows: windows.length });
    const inSample = await runSweep({
      patch: options.patch,
      plan,
      data,
      model: options.model,
      executor,
      barFrom: window.inSampleFrom,
      barTo: window.inSampleTo,
      onProgress: (p) => report(p.done),
      signal,
    });
    if (inSample.status === 'cancelled' || !inSample.best) {
      status = 'cancelled';
      break;
    }
    const best = inSample.best;
    const values = plan.paramSets[best.index];
    let outOfSample: SweepRunResult;
    try {
      outOfSample = await executor.run(
        {
          index: w,
          patch: patchWithParams(options.patch, plan.ranges, values),
          data,
          model: options.model ?? {},
          barFrom: window.inSampleFrom,
          barTo: window.outOfSampleTo,
          tradeFromMs: window.outOfSampleFromMs,
        },
        signal,
      );
    } catch (error) {
      if (signal?.aborted) {
        status = 'cancelled';
        break;
      }
      throw error;
    }
    if (outOfSample.status === 'cancelled') {
      status = 'cancelled';
      break;
    }
    report(perWindow);
    results.push({
      window,
      params: namedParams(plan.ranges, values),
      inSampleScore: best.score,
      inSampleSharpe: best.result.metrics.sharpe,
      outOfSampleSharpe: outOfSample.metrics.sharpe,
      outOfSample,
    });
  }

  const startingBalance = venueModelOf(options.model ?? {}).startingBalance;
  const stitched = stitch(
    results.map((r) => ({ ...r.outOfSample.equity, finalEquity: r.outOfSample.account.equity })),
    startingBalance,
  );
  const finalScale = results.reduce(
    (scale, r) => (scale * r.outOfSample.account.equity) / startingBalance,
    1,
  );
  return {
    status,
    objective: plan.objective,
    windows: results,
    stitched,
    outOfSampleReturn: finalScale - 1,
    verdict: overfitVerdict(
      results.map((r) => ({ inSample: r.inSampleSharpe, outOfSample: r.outOfSampleSharpe })),
    ),
  };
}

/**
 * Each window's run starts from the same balance; window k's curve is multiplied by the
 * stitched equity at the end of window k-1 (its final account equity) over that balance, so returns compound across
 * windows as if one account had traded every out-of-sample span in turn.
 */
export function stitch(
  curves: readonly { timeMs: number[]; equity: number[]; finalEquity: number }[],
  startingBalance: number,
): { timeMs: number[]; equity: number[] } {
  const timeMs: number[] = [];
  const equity: number[] = [];
  let scale = 1;
  for (const curve of curves) {
    for (let i = 0; i < curve.timeMs.length; i++) {
      timeMs.push(curve.timeMs[i]);
      equity.push(curve.equity[i] * scale);
    }
    // the final equity, not the last display point (the display series is downsampled)
    scale *= curve.finalEquity / startingBalance;
  }
  return { timeMs, equity };
}
