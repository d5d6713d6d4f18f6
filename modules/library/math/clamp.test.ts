import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { clamp } from './clamp';

describe('math/clamp', () => {
  it('limits to the default range [-1, 1]', () => {
    const { out } = runSeries(clamp, {}, { in: [-5, -1, 0.3, 1, 2] });
    expect(out).toEqual([-1, -1, 0.3, 1, 1]);
  });

  it('limits to a configured range, bounds included', () => {
    const { out } = runSeries(clamp, { low: 10, high: 20 }, { in: [9.99, 10, 15, 20, 20.01] });
    expect(out).toEqual([10, 10, 15, 20, 20]);
  });

  it('allows low equal to high, pinning every value there', () => {
    expect(runSeries(clamp, { low: 3, high: 3 }, { in: [-1, 3, 8] }).out).toEqual([3, 3, 3]);
  });

  it('outputs NaN for every value when low is above high', () => {
    expect(runSeries(clamp, { low: 2, high: 1 }, { in: [0, 1.5, 3] }).out).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('keeps a NaN input NaN instead of snapping it to a bound', () => {
    expect(runSeries(clamp, {}, { in: [Number.NaN] }).out).toEqual([Number.NaN]);
  });
});
