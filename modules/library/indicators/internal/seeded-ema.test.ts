import { describe, expect, it } from 'vitest';
import { createSeededEma, stepSeededEma } from './seeded-ema';

describe('SMA-seeded EMA', () => {
  it('is NaN while seeding, then starts from the mean of the first period samples', () => {
    const ema = createSeededEma(4);
    expect(ema.k).toBe(2 / 5);
    expect([1, 2, 3].map((x) => stepSeededEma(ema, x))).toEqual([NaN, NaN, NaN]);
    expect(stepSeededEma(ema, 6)).toBe(3);
    expect(stepSeededEma(ema, 8)).toBeCloseTo(3 + (8 - 3) * 0.4, 12);
  });

  it('skips NaN samples without counting them', () => {
    const ema = createSeededEma(2);
    expect(stepSeededEma(ema, Number.NaN)).toBeNaN();
    expect(stepSeededEma(ema, 2)).toBeNaN();
    expect(stepSeededEma(ema, Number.NaN)).toBeNaN();
    expect(stepSeededEma(ema, 4)).toBe(3);
    expect(stepSeededEma(ema, Number.NaN)).toBeNaN();
    expect(stepSeededEma(ema, 6)).toBeCloseTo(3 + (6 - 3) * (2 / 3), 12);
  });

  it('passes samples through at period 1', () => {
    const ema = createSeededEma(1);
    expect([5, -2, 9].map((x) => stepSeededEma(ema, x))).toEqual([5, -2, 9]);
  });
});
