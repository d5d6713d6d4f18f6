import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { abs } from './abs';

describe('math/abs', () => {
  it('drops the sign and keeps the magnitude', () => {
    const { out } = runSeries(abs, {}, { in: [-3.5, 2, 0, -0, -1e-12] });
    expect(out).toEqual([3.5, 2, 0, 0, 1e-12]);
  });

  it('keeps NaN as NaN and infinities as +Infinity', () => {
    const { out } = runSeries(abs, {}, { in: [Number.NaN, Number.NEGATIVE_INFINITY] });
    expect(out).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
  });
});
