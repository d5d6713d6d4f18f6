import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { divide } from './divide';

describe('math/divide', () => {
  it('computes a / b for hand-worked pairs', () => {
    const { out } = runSeries(divide, {}, { a: [6, -1, 0, 105], b: [3, 4, 7, 100] });
    expect(out).toEqual([2, -0.25, 0, 1.05]);
  });

  it('gives NaN, never Infinity, on division by zero (either sign) and 0 / 0', () => {
    const { out } = runSeries(divide, {}, { a: [1, -1, 0, 1], b: [0, 0, 0, -0] });
    expect(out).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('gives NaN when the quotient overflows or an input is not finite', () => {
    const { out } = runSeries(
      divide,
      {},
      {
        a: [1e300, Number.POSITIVE_INFINITY, Number.NaN, 1],
        b: [1e-300, 2, 1, Number.NaN],
      },
    );
    expect(out).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('returns 0 for a finite numerator over an infinite denominator', () => {
    expect(runSeries(divide, {}, { a: [5], b: [Number.POSITIVE_INFINITY] }).out).toEqual([0]);
  });

  it("emits when b alone changes, using a's held value", () => {
    const harness = createModuleHarness(divide);
    harness.step({ a: 10, b: 2 });
    expect(harness.step({ b: 4 })).toMatchObject({ emitted: true, outputs: { out: 2.5 } });
  });
});
