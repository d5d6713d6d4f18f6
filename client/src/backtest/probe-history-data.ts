// A backtest's probe history for the result view: one probe's uPlot columns, and every probe's
// value at one time (the cursor), taken from the last kept point at or before it.
import type uPlot from 'uplot';
import type { BacktestProbeHistory } from '@patchdesk/modules/contracts/backtest';

export function probeHistoryData(history: BacktestProbeHistory, port: string): uPlot.AlignedData {
  const index = history.ports.indexOf(port);
  const values = index < 0 ? history.timeMs.map(() => null) : history.values[index];
  return [history.timeMs.map((t) => t / 1000), values];
}

/** Index of the last time at or before `timeMs`; -1 when it is before the first. */
export function pointAtOrBefore(timeMs: readonly number[], atMs: number): number {
  let low = 0;
  let high = timeMs.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (timeMs[middle] <= atMs) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export interface ProbeReading {
  /** The kept bar's time the values are from (null before the first). */
  timeMs: number | null;
  values: { port: string; value: number | null }[];
}

/** Every probe at the cursor's time. */
export function probesAt(history: BacktestProbeHistory, atMs: number): ProbeReading {
  const index = pointAtOrBefore(history.timeMs, atMs);
  return {
    timeMs: index < 0 ? null : history.timeMs[index],
    values: history.ports.map((port, p) => ({ port, value: index < 0 ? null : history.values[p][index] })),
  };
}
