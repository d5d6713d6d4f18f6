import { describe, expect, it } from 'vitest';
import { isNearZero, isNearZeroOrNegative } from './near-zero';

describe('TA-Lib zero tests', () => {
  it('treats magnitudes under 1e-8 as zero', () => {
    expect(isNearZero(0)).toBe(true);
    expect(isNearZero(9e-9)).toBe(true);
    expect(isNearZero(-9e-9)).toBe(true);
    expect(isNearZero(1e-8)).toBe(false);
    expect(isNearZero(-1e-8)).toBe(false);
  });

  it('treats negatives and tiny positives as zero variance', () => {
    expect(isNearZeroOrNegative(-5)).toBe(true);
    expect(isNearZeroOrNegative(9e-9)).toBe(true);
    expect(isNearZeroOrNegative(1e-8)).toBe(false);
  });
});
