import { describe, expect, it } from 'vitest';
import { createAverageTrueRange, stepAverageTrueRange } from './average-true-range';

describe('average true range core', () => {
  it('starts at the second bar and seeds with the mean of the first period true ranges', () => {
    const atr = createAverageTrueRange(2);
    const bars: [number, number, number][] = [
      [10, 8, 9],
      [11, 9, 10], // TR 2
      [14, 12, 13], // TR 4
      [13, 12, 12.5], // TR 1
    ];
    expect(bars.map(([h, l, c]) => stepAverageTrueRange(atr, h, l, c))).toEqual([NaN, NaN, 3, 2]);
  });
});
