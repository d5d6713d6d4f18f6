// One backtest of a sweep, as plain data in and out, so it runs the same in this thread, in a
// piscina worker thread or in a `patchdesk worker` process: the patch with this run's params,
// the data (bars held as columns, possibly on shared memory), the venue model and the bar range.
import type { BacktestAccountSummary, BacktestMetrics } from '@patchdesk/modules/contracts/backtest';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { BarColumns } from '../../market/bar-columns';
import type { VenueModelInput } from '../../trading/session/paper-config';
import type { FundingPoint, MarkPoint } from '../../trading/session/trading-session';
import type { BacktestCounts } from '../backtest-result';
import { metricsForWire } from '../backtest-jobs';
import { runBacktest } from '../runner';

export interface SweepData {
  bars: BarColumns;
  funding?: readonly FundingPoint[];
  marks?: readonly MarkPoint[];
}

export interface SweepTask {
  /** The run's place in the sweep (results come back in any order). */
  index: number;
  patch: Patch;
  data: SweepData;
  model: VenueModelInput;
  /** The bars [barFrom, barTo) of data.bars. */
  barFrom: number;
  barTo: number;
  /** Bars opening before this only warm up (see runner.ts). */
  tradeFromMs?: number;
  /** Equity points kept for the curve. */
  displayPoints?: number;
  /** One Int32 on a SharedArrayBuffer: set non-zero (Atomics.store) from any thread, the
   *  backtest stops at its next slice and comes back 'cancelled' with the bars it did. */
  stopFlag?: Int32Array;
}

export interface SweepRunResult {
  index: number;
  status: 'completed' | 'cancelled';
  bars: { count: number; firstTimeMs: number; lastTimeMs: number };
  metrics: BacktestMetrics;
  account: BacktestAccountSummary;
  counts: BacktestCounts;
  /** The equity curve, downsampled to displayPoints. */
  equity: { timeMs: number[]; equity: number[] };
}

export async function runSweepTask(task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult> {
  const result = await runBacktest({
    patch: task.patch,
    bars: sliceColumns(task.data.bars, task.barFrom, task.barTo),
    funding: task.data.funding,
    marks: task.data.marks,
    model: task.model,
    tradeFromMs: task.tradeFromMs,
    displayPoints: task.displayPoints ?? 500,
    runKey: 'sw',
    signal,
    shouldStop: task.stopFlag ? () => Atomics.load(task.stopFlag as Int32Array, 0) !== 0 : undefined,
  });
  return {
    index: task.index,
    status: result.status,
    bars: result.bars,
    metrics: metricsForWire(result.metrics),
    account: result.account,
    counts: result.counts,
    equity: result.equity,
  };
}

/** Views (no copy) of bars [from, to). */
export function sliceColumns(bars: BarColumns, from: number, to: number): BarColumns {
  if (from === 0 && to === bars.length) return bars;
  return {
    length: to - from,
    timeMs: bars.timeMs.subarray(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
  };
}

/** The columns copied onto one SharedArrayBuffer: worker threads then read them without a copy each. */
export function sharedColumns(bars: BarColumns): BarColumns {
  const n = bars.length;
  const buffer = new SharedArrayBuffer(n * 6 * Float64Array.BYTES_PER_ELEMENT);
  const column = (k: number, source: Float64Array) => {
    const target = new Float64Array(buffer, k * n * Float64Array.BYTES_PER_ELEMENT, n);
    target.set(source.subarray(0, n));
    return target;
  };
  return {
    length: n,
    timeMs: column(0, bars.timeMs),
    open: column(1, bars.open),
    high: column(2, bars.high),
    low: column(3, bars.low),
    close: column(4, bars.close),
    volume: column(5, bars.volume),
  };
}
