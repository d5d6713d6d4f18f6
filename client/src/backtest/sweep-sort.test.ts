import { describe, expect, it } from 'vitest';
import type { SweepRow } from '@patchdesk/modules/contracts/sweep';
import { defaultSweepSort, sortedRowIndices } from './sweep-sort';

const row = (index: number, fast: number, value: number | null, trades: number): SweepRow => ({
  index,
  params: { 'ema-fast.period': fast },
  value,
  metrics: { trades } as SweepRow['metrics'],
});
const rows = [row(0, 6, 0.5, 3), row(1, 9, null, 8), row(2, 12, 1.5, 3), row(3, 15, 0.5, 1)];

describe('sortedRowIndices', () => {
  it('puts the best objective first, undefined last, ties in plan order', () => {
    expect(sortedRowIndices(rows, defaultSweepSort(false))).toEqual([2, 0, 3, 1]);
    expect(sortedRowIndices(rows, defaultSweepSort(true))).toEqual([0, 3, 2, 1]);
  });

  it('sorts by a param or a metric either way', () => {
    expect(
      sortedRowIndices(rows, { key: { kind: 'param', name: 'ema-fast.period' }, descending: true }),
    ).toEqual([3, 2, 1, 0]);
    expect(sortedRowIndices(rows, { key: { kind: 'metric', name: 'trades' }, descending: false })).toEqual([
      3, 0, 2, 1,
    ]);
  });
});
