import { describe, expect, it } from 'vitest';
import { decimalsOf, priceDecimalsByKey } from './price-precision';

describe('decimalsOf', () => {
  it('counts the decimals a price was recorded with', () => {
    expect(decimalsOf(46_516)).toBe(0);
    expect(decimalsOf(3_012.45)).toBe(2);
    expect(decimalsOf(0.1)).toBe(1);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(Number.NaN)).toBe(0);
  });
});

describe('priceDecimalsByKey', () => {
  it("gives the price's scale the price's decimals, and leaves other scales alone", () => {
    const keys = ['bars.close', 'ema.out', 'rsi.out', 'bars.volume', 'long.out'];
    const values = new Float64Array([3_012.45, 3_010.123456, 61.2, 3_100.5, 1]);
    const { decimals, byKey } = priceDecimalsByKey(keys, values, 0);
    expect(decimals).toBe(2);
    expect(byKey).toEqual({ 'bars.close': 2, 'ema.out': 2 });
  });

  it('keeps the most decimals seen (a close of 3012.5 after 3012.45 still shows cents)', () => {
    const { decimals } = priceDecimalsByKey(['bars.close'], new Float64Array([3_012.5]), 2);
    expect(decimals).toBe(2);
  });

  it('without a probed price there is nothing to go by', () => {
    expect(priceDecimalsByKey(['ema.out'], new Float64Array([3_000.1]), 0).byKey).toEqual({});
  });
});
