// A two-param sweep as a heatmap: the first param across (x), the second up (y), one cell per
// grid point holding the row it came from; and the colour scale. A random search leaves cells
// empty; a run whose objective is undefined is an empty cell too. Pure, for the canvas to draw.
import { sweepParamName, type SweepOutcome } from '@patchdesk/modules/contracts/sweep';

export interface Heatmap {
  xName: string;
  yName: string;
  xs: number[];
  ys: number[];
  /** cells[y][x]: the row index in outcome.rows, or null where no run is. */
  cells: (number | null)[][];
  /** The objective's lowest and highest defined values (null when none is defined). */
  low: number | null;
  high: number | null;
}

/** Null unless the sweep varies exactly two params. */
export function heatmapOf(outcome: SweepOutcome): Heatmap | null {
  if (outcome.ranges.length !== 2) return null;
  const [xName, yName] = outcome.ranges.map(sweepParamName);
  const xs = sortedDistinct(outcome.rows.map((row) => row.params[xName]));
  const ys = sortedDistinct(outcome.rows.map((row) => row.params[yName]));
  const cells = ys.map(() => xs.map((): number | null => null));
  let low: number | null = null;
  let high: number | null = null;
  outcome.rows.forEach((row, index) => {
    cells[ys.indexOf(row.params[yName])][xs.indexOf(row.params[xName])] = index;
    if (row.value === null) return;
    low = low === null ? row.value : Math.min(low, row.value);
    high = high === null ? row.value : Math.max(high, row.value);
  });
  return { xName, yName, xs, ys, cells, low, high };
}

function sortedDistinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Stops of the colour scale, from worst to best: a dark blue through teal and green to yellow
 * (the viridis family: ordered in lightness, readable by most colour-blind people).
 */
const stops: readonly [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of `t` in [0, 1] (0 worst, 1 best) as `rgb(r, g, b)`. */
export function scaleColour(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const at = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(at));
  const f = at - i;
  const [a, b] = [stops[i], stops[i + 1]];
  const mix = (k: number) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/**
 * Where a value sits on the scale, 0 worst and 1 best: for maxDrawdown (lower is better) the
 * scale is turned round. All values equal: the middle.
 */
export function scalePosition(value: number, low: number, high: number, lowerIsBetter: boolean): number {
  if (high === low) return 0.5;
  const t = (value - low) / (high - low);
  return lowerIsBetter ? 1 - t : t;
}
