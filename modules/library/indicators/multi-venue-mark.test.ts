import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { multiVenueMark } from './multi-venue-mark';

function mark(inputs: Record<string, number>, maxDeviationBps = 200) {
  return createModuleHarness(multiVenueMark, { maxDeviationBps }).step(inputs).outputs;
}

describe('indicators/multi-venue-mark', () => {
  it('rejects the outlier and takes the median of the rest (by hand)', () => {
    // Median of all: (101 + 102) / 2 = 101.5. Tolerance 2% of 101.5 = 2.03: 150 is out,
    // 100 (1.5 away) is in. Median of 100, 101, 102 = 101.
    expect(mark({ a: 150, b: 100, c: 102, d: 101 })).toEqual({ out: 101, used: 3 });
    // At 1%: tolerance 1.015, so 100 is out too: median of 101, 102 = 101.5.
    expect(mark({ a: 150, b: 100, c: 102, d: 101 }, 100)).toEqual({ out: 101.5, used: 2 });
  });

  it('absent venues (NaN, unconnected, non-positive) are left out', () => {
    expect(mark({ a: 100, b: Number.NaN, c: 104, d: 0 }, 500)).toEqual({ out: 102, used: 2 });
    expect(mark({ a: 42 })).toEqual({ out: 42, used: 1 });
    const none = mark({});
    expect(none.out).toBeNaN();
    expect(none.used).toBe(0);
  });

  it('two venues far apart: the midpoint stands', () => {
    expect(mark({ a: 100, b: 120 }, 100)).toEqual({ out: 110, used: 2 });
  });

  it('reads the same at any price scale', () => {
    const scaled = mark({ a: 150e-8, b: 100e-8, c: 102e-8, d: 101e-8 });
    expect(scaled.used).toBe(3);
    expect(scaled.out).toBeCloseTo(101e-8, 20);
  });
});
