import { describe, expect, it } from 'vitest';
import { createWilderAverage, isWilderSeeded, stepWilderAverage } from './wilder-average';

describe('Wilder average', () => {
  it('seeds with the mean of the first period samples, then weighs the new one 1 / period', () => {
    const average = createWilderAverage(3);
    expect(stepWilderAverage(average, 3)).toBeNaN();
    expect(stepWilderAverage(average, 6)).toBeNaN();
    expect(isWilderSeeded(average)).toBe(false);
    expect(stepWilderAverage(average, 9)).toBe(6);
    expect(isWilderSeeded(average)).toBe(true);
    expect(stepWilderAverage(average, 0)).toBe(4);
    expect(stepWilderAverage(average, 10)).toBe(6);
  });

  it('follows the samples at period 1', () => {
    const average = createWilderAverage(1);
    expect([4, 7].map((x) => stepWilderAverage(average, x))).toEqual([4, 7]);
  });
});
