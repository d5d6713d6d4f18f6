import { describe, expect, it } from 'vitest';
import { createMonotonicDeque, pushToWindow, windowExtreme } from './monotonic-deque';
import { seededRandom } from '../../sdk/seeded-random';

describe('monotonic deque', () => {
  it('tracks a hand-worked window-3 maximum and minimum', () => {
    const values = [5, 3, 4, 1, 2, 6, 6, 0];
    const max = createMonotonicDeque(3, 'max');
    const min = createMonotonicDeque(3, 'min');
    const maxima: number[] = [];
    const minima: number[] = [];
    values.forEach((value, position) => {
      pushToWindow(max, value, position);
      pushToWindow(min, value, position);
      maxima.push(windowExtreme(max));
      minima.push(windowExtreme(min));
    });
    // windows: [5] [5,3] [5,3,4] [3,4,1] [4,1,2] [1,2,6] [2,6,6] [6,6,0]
    expect(maxima).toEqual([5, 5, 5, 4, 4, 6, 6, 6]);
    expect(minima).toEqual([5, 3, 3, 1, 1, 1, 2, 0]);
  });

  it('matches a naive scan on random data with ties and gaps in positions', () => {
    const random = seededRandom(7);
    const windowLength = 13;
    const max = createMonotonicDeque(windowLength, 'max');
    const pushed: { value: number; position: number }[] = [];
    let position = 0;
    for (let i = 0; i < 2000; i++) {
      position += random() < 0.1 ? 2 : 1; // a skipped position stands for a NaN the caller left out
      const value = Math.round(random() * 20); // coarse values force ties
      pushToWindow(max, value, position);
      pushed.push({ value, position });
      const inWindow = pushed.filter((p) => p.position > position - windowLength).map((p) => p.value);
      expect(windowExtreme(max)).toBe(Math.max(...inWindow));
      expect(max.size).toBeLessThanOrEqual(windowLength);
    }
  });

  it('never holds more than the window length on a strictly falling series', () => {
    const max = createMonotonicDeque(4, 'max');
    for (let position = 0; position < 50; position++) pushToWindow(max, -position, position);
    expect(max.size).toBe(4);
    expect(windowExtreme(max)).toBe(-46);
  });

  it('is NaN when empty and refuses NaN and bad window lengths', () => {
    const min = createMonotonicDeque(2, 'min');
    expect(windowExtreme(min)).toBeNaN();
    expect(() => pushToWindow(min, Number.NaN, 0)).toThrow(/NaN pushed at position 0/);
    expect(() => createMonotonicDeque(0, 'min')).toThrow(/positive integer, got 0/);
  });
});
