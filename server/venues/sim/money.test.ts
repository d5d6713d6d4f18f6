import { describe, expect, it } from 'vitest';
import { fromMinorUnits, proportionOfMinorUnits, toMinorUnits } from './money';

describe('toMinorUnits', () => {
  it('scales by 1e8 and rounds to the nearest unit', () => {
    expect(toMinorUnits(1)).toBe(100_000_000n);
    expect(toMinorUnits(0.1)).toBe(10_000_000n);
    expect(toMinorUnits(16.064257)).toBe(1_606_425_700n);
    expect(toMinorUnits(0.000000014)).toBe(1n);
    expect(toMinorUnits(0.000000016)).toBe(2n);
  });

  it('rounds ties away from zero on the magnitude', () => {
    expect(toMinorUnits(0.5, 0)).toBe(1n);
    expect(toMinorUnits(-0.5, 0)).toBe(-1n);
    expect(toMinorUnits(2.5, 0)).toBe(3n);
    expect(toMinorUnits(-2.5, 0)).toBe(-3n);
  });

  it('stays exact past 2^53 minor units', () => {
    expect(toMinorUnits(1_000_000_000)).toBe(100_000_000_000_000_000n);
    expect(toMinorUnits(-123_456_789.12345678)).toBe(-12_345_678_912_345_678n);
  });

  it('refuses NaN and infinities', () => {
    expect(() => toMinorUnits(Number.NaN)).toThrow(/minor units/);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY)).toThrow(/minor units/);
  });
});

describe('fromMinorUnits and proportions', () => {
  it('converts back', () => {
    expect(fromMinorUnits(150_000_000n)).toBe(1.5);
    expect(fromMinorUnits(-1n)).toBe(-1e-8);
  });

  it('truncates a proportional share toward zero', () => {
    expect(proportionOfMinorUnits(1000n, 1, 3)).toBe(333n);
    expect(proportionOfMinorUnits(-1000n, 1, 3)).toBe(-333n);
    expect(proportionOfMinorUnits(1000n, 3, 3)).toBe(1000n);
    expect(() => proportionOfMinorUnits(1000n, 4, 3)).toThrow();
  });
});
