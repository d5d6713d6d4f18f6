import { describe, expect, it } from 'vitest';
import {
  formatBarTime,
  formatMoney,
  formatPercent,
  formatQuantity,
  formatSignedMoney,
  signClass,
} from './format-trading';

describe('trading formats', () => {
  it('writes money to the cent with thousands separators', () => {
    expect(formatMoney(10_000)).toBe('10,000.00');
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(-12.5)).toBe('-12.50');
    expect(formatMoney(0.005)).toBe('0.01');
    expect(formatMoney(-0.001)).toBe('0.00');
    expect(formatMoney(Number.NaN)).toBe('—');
    expect(formatMoney(null)).toBe('—');
  });

  it('signs PnL', () => {
    expect(formatSignedMoney(12.5)).toBe('+12.50');
    expect(formatSignedMoney(-3)).toBe('-3.00');
    expect(formatSignedMoney(0.001)).toBe('0.00');
    expect(signClass(0.001)).toBe('flat');
    expect(signClass(-1)).toBe('down');
    expect(signClass(2)).toBe('up');
  });

  it('writes prices and sizes as the probes do, and fractions as percentages', () => {
    expect(formatQuantity(0.01)).toBe('0.01000');
    expect(formatQuantity(50_123.456)).toBe('50123.46');
    expect(formatQuantity(null)).toBe('—');
    expect(formatPercent(0.0123)).toBe('1.23 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes bar times in UTC', () => {
    expect(formatBarTime(Date.UTC(2024, 0, 2, 3, 4))).toBe('2024-01-02 03:04');
    expect(formatBarTime(null)).toBe('—');
  });
});
