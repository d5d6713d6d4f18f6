import { describe, expect, it } from 'vitest';
import { formatProbeValue } from './format-value';

describe('formatProbeValue', () => {
  it('shows prices with two decimals, small numbers with four significant digits', () => {
    expect(formatProbeValue(61234.5678)).toBe('61234.57');
    expect(formatProbeValue(1.234567)).toBe('1.235');
    expect(formatProbeValue(0.00123456)).toBe('0.001235');
    expect(formatProbeValue(42)).toBe('42');
  });

  it("shows a value on the price's scale with the price's decimals", () => {
    expect(formatProbeValue(46_452.9634, 'number', 0)).toBe('46453');
    expect(formatProbeValue(3_010.123456, 'number', 2)).toBe('3010.12');
    expect(formatProbeValue(1, 'bool', 2)).toBe('true');
    expect(formatProbeValue(Number.NaN, 'number', 2)).toBe('—');
  });

  it('shows missing values, infinities and bools plainly', () => {
    expect(formatProbeValue(Number.NaN)).toBe('—');
    expect(formatProbeValue(Number.NEGATIVE_INFINITY)).toBe('-∞');
    expect(formatProbeValue(1, 'bool')).toBe('true');
    expect(formatProbeValue(0, 'bool')).toBe('false');
  });
});
