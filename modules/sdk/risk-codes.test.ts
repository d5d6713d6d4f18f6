import { describe, expect, it } from 'vitest';
import { describeRiskDenial, riskCodeNumber, riskCodeOf, riskCodes } from './risk-codes';

describe('risk codes', () => {
  it('number each code from 1 in list order, and read numbers back', () => {
    expect(riskCodeNumber('QUANTITY_NOT_POSITIVE')).toBe(1);
    expect(riskCodeNumber('NOTIONAL_EXCEEDS_MAX')).toBe(7);
    for (const code of riskCodes) expect(riskCodeOf(riskCodeNumber(code))).toBe(code);
    expect([0, -1, 1.5, riskCodes.length + 1, Number.NaN].map(riskCodeOf)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('keeps the published numbers (append only)', () => {
    // Saved probes and journals hold these numbers: changing one changes history.
    expect(riskCodes.slice(0, 18)).toEqual([
      'QUANTITY_NOT_POSITIVE',
      'PRICE_NOT_FINITE',
      'SYMBOL_UNKNOWN',
      'QUANTITY_BELOW_MIN',
      'NOTIONAL_BELOW_MIN',
      'POSITION_EXCEEDS_MAX',
      'NOTIONAL_EXCEEDS_MAX',
      'LEVERAGE_EXCEEDS_MAX',
      'DRAWDOWN_EXCEEDS_MAX',
      'ORDER_RATE_EXCEEDS_MAX',
      'PRICE_OUTSIDE_BAND',
      'DATA_STALE',
      'KILL_SWITCH_ON',
      'PRICE_MISSING',
      'EQUITY_MISSING',
      'NO_BROKER',
      'OUTBOX_FULL',
      'ORDER_NOT_WORKING',
    ]);
  });

  it('describes a denial with its figures', () => {
    expect(describeRiskDenial({ code: 'NOTIONAL_EXCEEDS_MAX', notional: 12_500, max: 10_000 })).toBe(
      'order notional 12500 exceeds the max 10000',
    );
    expect(describeRiskDenial({ code: 'DATA_STALE', ageMs: Number.NaN, maxAgeMs: 5_000 })).toMatch(/no time/);
    expect(describeRiskDenial({ code: 'SYMBOL_UNKNOWN', symbol: 'X' })).toBe(
      'symbol "X" is not traded by this run',
    );
  });
});
