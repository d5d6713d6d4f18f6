import { describe, expect, it } from 'vitest';
import { isSample } from './nan-policy';

describe('isSample', () => {
  it('is false when any input is NaN, in any position', () => {
    expect(isSample(1, 2)).toBe(true);
    expect(isSample(1, 2, 3)).toBe(true);
    expect(isSample(1, 2, 3, 4)).toBe(true);
    expect(isSample(Number.NaN, 2)).toBe(false);
    expect(isSample(1, Number.NaN)).toBe(false);
    expect(isSample(1, 2, Number.NaN)).toBe(false);
    expect(isSample(1, 2, 3, Number.NaN)).toBe(false);
  });

  it('counts infinities and zeros as samples', () => {
    expect(isSample(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0)).toBe(true);
  });
});
