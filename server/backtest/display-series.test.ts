import { describe, expect, it } from 'vitest';
import { DisplaySeries } from './display-series';

describe('DisplaySeries', () => {
  it('keeps every stride-th bar, never more than its capacity', () => {
    const series = new DisplaySeries(8);
    for (let i = 0; i < 100; i++) series.add(i, i * 10, 0, i, i);
    const { timeMs, equity } = series.columns();
    expect(series.stride).toBe(16);
    expect(timeMs).toEqual([0, 16, 32, 48, 64, 80, 96]);
    expect(equity).toEqual(timeMs.map((t) => t * 10));
  });

  it('holds all bars when they fit', () => {
    const series = new DisplaySeries(8);
    for (let i = 0; i < 8; i++) series.add(i, 1, 0, 1, 1);
    expect(series.columns().timeMs).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(series.stride).toBe(1);
  });
});
