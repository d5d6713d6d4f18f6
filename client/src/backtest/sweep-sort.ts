// The sweep table's order: by a param, the objective or a metric, either way; undefined values
// (null) always last; equal values keep plan order, so a sort is the same on every click.
import type { SweepRow, SweepRowMetric } from '@patchdesk/modules/contracts/sweep';

export type SweepSortKey =
  { kind: 'param'; name: string } | { kind: 'value' } | { kind: 'metric'; name: SweepRowMetric };

export interface SweepSort {
  key: SweepSortKey;
  descending: boolean;
}

/** Best first by the objective (for maxDrawdown, lowest first). */
export function defaultSweepSort(lowerIsBetter: boolean): SweepSort {
  return { key: { kind: 'value' }, descending: !lowerIsBetter };
}

function valueOf(row: SweepRow, key: SweepSortKey): number | null {
  if (key.kind === 'param') return row.params[key.name] ?? null;
  if (key.kind === 'value') return row.value;
  return row.metrics[key.name];
}

/** Row indices (into rows) in the sort's order. */
export function sortedRowIndices(rows: readonly SweepRow[], sort: SweepSort): number[] {
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((_, index) => index)
    .sort((a, b) => {
      const [x, y] = [valueOf(rows[a], sort.key), valueOf(rows[b], sort.key)];
      if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
      return (x - y) * sign || rows[a].index - rows[b].index;
    });
}

export function sameSortKey(a: SweepSortKey, b: SweepSortKey): boolean {
  return a.kind === b.kind && (a.kind === 'value' || a.name === (b as { name: string }).name);
}
