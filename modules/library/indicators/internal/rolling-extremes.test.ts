import { describe, expect, it } from 'vitest';
import { randomWalk } from '../testing/seeded-random';
import { createRollingExtremes, pushToExtremes } from './rolling-extremes';

describe('rolling extremes', () => {
  it.each([1, 3, 7, 50])('matches a naive max / min over windows of %i', (size) => {
    const highs = randomWalk(2_000, size, 100, 2).map((x) => Math.round(x)); // rounding makes ties
    const lows = highs.map((h, i) => h - 1 - (i % 3));
    const extremes = createRollingExtremes(size);
    highs.forEach((high, i) => {
      const full = pushToExtremes(extremes, { high, low: lows[i] });
      expect(full).toBe(i >= size - 1);
      const from = Math.max(0, i - size + 1);
      expect(extremes.highest).toBe(Math.max(...highs.slice(from, i + 1)));
      expect(extremes.lowest).toBe(Math.min(...lows.slice(from, i + 1)));
    });
  });
});
