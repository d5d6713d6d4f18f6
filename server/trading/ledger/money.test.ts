import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalOf,
  decimalOfText,
  divideHalfEven,
  formatMinorUnits,
  notionalMinorUnits,
  powerOfTen,
  toMinorUnits,
} from './money';

describe('decimalOf', () => {
  it('reads the shortest round-trip form of a float exactly', () => {
    expect(decimalOf(0.1)).toEqual({ mantissa: 1n, digits: 1 });
    expect(decimalOf(50_000.5)).toEqual({ mantissa: 500_005n, digits: 1 });
    expect(decimalOf(1e-7)).toEqual({ mantissa: 1n, digits: 7 });
    expect(decimalOf(-2.5e-9)).toEqual({ mantissa: -25n, digits: 10 });
    expect(decimalOf(1.5e21)).toEqual({ mantissa: 1_500_000_000_000_000_000_000n, digits: 0 });
    expect(decimalOf(42)).toEqual({ mantissa: 42n, digits: 0 });
  });

  it('reads a float without an exponent exactly as the general (regex) reading does', () => {
    for (const value of [-0, 0, -0.5, -1.5, 50_123.4, 0.001, 123_456_789.123_45, -42]) {
      expect(decimalOf(value)).toEqual(decimalOfText(String(value), value));
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(decimalOf(value)).toEqual(decimalOfText(String(value), value));
      }),
      { seed: 7, numRuns: 5_000 },
    );
  });

  it('has every power of ten it divides by, past the table too', () => {
    expect(powerOfTen(0)).toBe(1n);
    expect(powerOfTen(8)).toBe(100_000_000n);
    expect(powerOfTen(40)).toBe(10_000_000_000_000_000_000_000_000_000_000_000_000_000n);
    expect(powerOfTen(41)).toBe(100_000_000_000_000_000_000_000_000_000_000_000_000_000n);
  });

  it('refuses NaN and infinities', () => {
    expect(() => decimalOf(Number.NaN)).toThrow(/finite/);
    expect(() => decimalOf(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe('divideHalfEven', () => {
  it('rounds ties to the even neighbour, both signs', () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n); // 2.5 -> 2
    expect(divideHalfEven(7n, 2n)).toBe(4n); // 3.5 -> 4
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideHalfEven(10n, 4n)).toBe(2n); // 2.5 -> 2
    expect(divideHalfEven(11n, 4n)).toBe(3n); // 2.75 -> 3
    expect(divideHalfEven(-11n, 4n)).toBe(-3n);
    expect(divideHalfEven(9n, 4n)).toBe(2n); // 2.25 -> 2
    expect(divideHalfEven(12n, 4n)).toBe(3n);
  });
});

describe('toMinorUnits and notionalMinorUnits', () => {
  it('converts without float error: 0.1 + 0.2 style inputs stay exact', () => {
    expect(toMinorUnits(0.1)).toBe(10_000_000n);
    expect(toMinorUnits(0.30000000000000004)).toBe(30_000_000n); // 0.300000000|00000004 -> half-even down
    expect(toMinorUnits(1.000000005)).toBe(100_000_000n); // exact tie at the 9th digit -> even (…000)
    expect(toMinorUnits(1.000000015)).toBe(100_000_002n); // tie -> even (…002)
    expect(toMinorUnits(-0.123456789)).toBe(-12_345_679n);
  });

  it('computes notional = quantity x price exactly, then rounds once', () => {
    // 0.1 BTC at 50 000 = 5 000 USDT
    expect(notionalMinorUnits(10_000_000n, 50_000)).toBe(500_000_000_000n);
    // 0.00000001 BTC at 0.5 = 0.000000005 USDT: a tie, rounds to even 0
    expect(notionalMinorUnits(1n, 0.5)).toBe(0n);
    // 0.00000003 BTC at 0.5 = 0.000000015 USDT: tie, rounds to even 2
    expect(notionalMinorUnits(3n, 0.5)).toBe(2n);
    // 0.003 BTC at 67 123.45 = 201.37035 USDT
    expect(notionalMinorUnits(300_000n, 67_123.45)).toBe(20_137_035_000n);
  });

  it('formats minor units as decimals', () => {
    expect(formatMinorUnits(150_000_000n)).toBe('1.5');
    expect(formatMinorUnits(-1n)).toBe('-0.00000001');
    expect(formatMinorUnits(0n)).toBe('0');
  });
});
