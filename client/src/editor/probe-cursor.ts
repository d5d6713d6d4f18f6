// The time cursor over the probe panes: the bar time under the cursor and every probe's value
// there, read from the one snapshot all panes were drawn from (they share its time column, so an
// index in one pane is the same bar in every pane).
import type { PlotData } from '../stores/probe-history';

export interface CursorReading {
  timeMs: number;
  values: { key: string; value: number | null }[];
}

export function cursorReading(
  data: PlotData,
  keys: readonly string[],
  index: number | null | undefined,
): CursorReading | null {
  if (index === null || index === undefined || index < 0 || index >= data[0].length) return null;
  return {
    timeMs: data[0][index] * 1000,
    values: keys.map((key, position) => ({ key, value: data[position + 1]?.[index] ?? null })),
  };
}
