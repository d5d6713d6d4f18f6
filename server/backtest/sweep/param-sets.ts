// The param combinations of a sweep: every point of the grid (the product of each param's
// from..to by step), or a seeded random sample of grid points. Both are deterministic: the
// same spec gives the same combinations in the same order on every machine.
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import type { SweepParamRange } from './sweep-spec';

/** Values of one range: from, from + step, ... up to to (inclusive, within a rounding slack). */
export function rangeValues(range: Pick<SweepParamRange, 'from' | 'to' | 'step'>): number[] {
  const count = Math.floor((range.to - range.from) / range.step + 1e-9) + 1;
  const values: number[] = [];
  // from + i * step, not a running sum: no drift, and 0.1-steps print as 0.1, 0.2, 0.3
  for (let i = 0; i < count; i++) values.push(roundTo12(range.from + i * range.step));
  return values;
}

/** How many grid points the ranges span. */
export function gridSize(ranges: readonly SweepParamRange[]): number {
  return ranges.reduce((size, range) => size * rangeValues(range).length, 1);
}

/** Every grid point, the last param varying fastest. */
export function gridParamSets(ranges: readonly SweepParamRange[]): number[][] {
  const axes = ranges.map(rangeValues);
  const total = axes.reduce((size, axis) => size * axis.length, 1);
  const sets: number[][] = [];
  for (let n = 0; n < total; n++) sets.push(pointAt(axes, n));
  return sets;
}

/**
 * `samples` distinct grid points drawn with a seeded generator (the whole grid, in grid order,
 * when it is no larger). Grid indices are drawn without replacement, so a grid far larger than
 * the sample is never built.
 */
export function randomParamSets(
  ranges: readonly SweepParamRange[],
  samples: number,
  seed: number,
): number[][] {
  const axes = ranges.map(rangeValues);
  const total = axes.reduce((size, axis) => size * axis.length, 1);
  if (samples >= total) return gridParamSets(ranges);
  const next = seededRandom(seed);
  const drawn: number[] = [];
  if (total <= 4 * samples) {
    // a partial Fisher-Yates shuffle of the indices: the first `samples` slots are the sample
    const indices = Array.from({ length: total }, (_, i) => i);
    for (let i = 0; i < samples; i++) {
      const j = i + Math.floor(next() * (total - i));
      [indices[i], indices[j]] = [indices[j], indices[i]];
      drawn.push(indices[i]);
    }
  } else {
    // sparse: redraw on a repeat (under 1 in 4 draws repeats, so this ends quickly)
    const seen = new Set<number>();
    while (drawn.length < samples) {
      const n = Math.floor(next() * total);
      if (seen.has(n)) continue;
      seen.add(n);
      drawn.push(n);
    }
  }
  return drawn.map((n) => pointAt(axes, n));
}

/** Grid point number `n` (the last axis varying fastest). */
function pointAt(axes: readonly number[][], n: number): number[] {
  const point = new Array<number>(axes.length);
  let rest = n;
  for (let a = axes.length - 1; a >= 0; a--) {
    point[a] = axes[a][rest % axes[a].length];
    rest = Math.floor(rest / axes[a].length);
  }
  return point;
}

function roundTo12(value: number): number {
  return Number(value.toPrecision(12));
}
