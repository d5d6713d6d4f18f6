import { describe, expect, it } from 'vitest';
import { gridParamSets, gridSize, randomParamSets, rangeValues } from './param-sets';

const r = (from: number, to: number, step: number) => ({ module: 'm', param: 'p', from, to, step });

describe('param sets', () => {
  it('walks a range from..to by step without drift', () => {
    expect(rangeValues(r(0.1, 0.5, 0.1))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues(r(5, 20, 5))).toEqual([5, 10, 15, 20]);
    expect(rangeValues(r(5, 22, 5))).toEqual([5, 10, 15, 20]);
  });

  it('enumerates the grid, the last param fastest', () => {
    expect(gridParamSets([r(1, 2, 1), r(10, 30, 10)])).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    expect(gridSize([r(1, 2, 1), r(10, 30, 10), r(0, 1, 0.5)])).toBe(18);
  });

  it('samples distinct grid points, the same for the same seed', () => {
    const ranges = [r(1, 100, 1), r(1, 100, 1)];
    const a = randomParamSets(ranges, 50, 7);
    expect(a).toHaveLength(50);
    expect(new Set(a.map((p) => p.join())).size).toBe(50);
    expect(randomParamSets(ranges, 50, 7)).toEqual(a);
    expect(randomParamSets(ranges, 50, 8)).not.toEqual(a);
    // a dense sample (Fisher-Yates path) is distinct too
    const dense = randomParamSets([r(1, 10, 1)], 9, 1);
    expect(new Set(dense.map((p) => p[0])).size).toBe(9);
    // asking for more than the grid gives the grid
    expect(randomParamSets([r(1, 3, 1)], 10, 1)).toEqual([[1], [2], [3]]);
  });
});
