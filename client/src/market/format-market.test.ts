import { describe, expect, it } from 'vitest';
import { formatChange, formatCountdown, formatFunding, rowKey } from './format-market';

describe('market panel formatting', () => {
  it('writes the 24h change and funding as signed percentages', () => {
    expect(formatChange(0.0123)).toBe('+1.23 %');
    expect(formatChange(-0.05)).toBe('-5.00 %');
    expect(formatChange(-0.00001)).toBe('0.00 %');
    expect(formatChange(null)).toBe('—');
    expect(formatFunding(0.0001)).toBe('+0.0100 %');
    expect(formatFunding(-0.000212)).toBe('-0.0212 %');
    expect(formatFunding(Number.NaN)).toBe('—');
  });

  it('counts down to the next funding', () => {
    const now = 1_000_000;
    expect(formatCountdown(now + (7 * 3600 + 59 * 60 + 30) * 1000, now)).toBe('7h 59m');
    expect(formatCountdown(now + (4 * 60 + 5) * 1000, now)).toBe('4m 05s');
    expect(formatCountdown(now, now)).toBe('due');
    expect(formatCountdown(null, now)).toBe('—');
  });

  it('keys rows by venue and symbol', () => {
    expect(rowKey({ venue: 'okx', symbol: 'BTC/USDT:USDT' })).toBe('okx|BTC/USDT:USDT');
  });
});
