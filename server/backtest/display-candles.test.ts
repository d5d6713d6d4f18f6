import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DisplayCandles } from './display-candles';

/** Candles made by hand: consecutive groups of `stride` bars. */
function groupBars(bars: readonly number[][], stride: number) {
  const out = {
    timeMs: [] as number[],
    open: [] as number[],
    high: [] as number[],
    low: [] as number[],
    close: [] as number[],
  };
  for (let start = 0; start < bars.length; start += stride) {
    const group = bars.slice(start, start + stride);
    out.timeMs.push(group[0][0]);
    out.open.push(group[0][1]);
    out.high.push(Math.max(...group.map((b) => b[2])));
    out.low.push(Math.min(...group.map((b) => b[3])));
    out.close.push(group[group.length - 1][4]);
  }
  return out;
}

describe('DisplayCandles', () => {
  it('keeps every bar as a candle while they fit', () => {
    const candles = new DisplayCandles(4);
    candles.add(0, 10, 12, 9, 11);
    candles.add(60, 11, 13, 10, 12);
    expect(candles.columns()).toEqual({
      stride: 1,
      timeMs: [0, 60],
      open: [10, 11],
      high: [12, 13],
      low: [9, 10],
      close: [11, 12],
    });
  });

  it('merges groups of stride bars, bounded by its capacity, for any bars and capacity', () => {
    const bar = fc
      .tuple(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
      )
      .map(([open, up, down]) => [open, open + up, open - down, open + up - down]);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.array(bar, { maxLength: 300 }), (capacity, rows) => {
        const candles = new DisplayCandles(capacity);
        const bars = rows.map((row, i) => [i * 60_000, row[0], row[1], row[2], row[3]]);
        for (const b of bars) candles.add(b[0], b[1], b[2], b[3], b[4]);
        const { stride, ...columns } = candles.columns();
        expect(columns.timeMs.length).toBeLessThanOrEqual(capacity);
        expect(columns).toEqual(groupBars(bars, stride));
      }),
    );
  });
});
