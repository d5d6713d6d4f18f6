import { describe, expect, it } from 'vitest';
import { divergingReport, parityFill, parityReport } from './parity-fixtures';
import {
  describeDivergenceKind,
  describeFillDifference,
  describeParityFill,
  parityHeadline,
  signedNumber,
} from './parity-view';

describe('parity view', () => {
  it('heads an identical report with its tick count and a diverging one with where and why', () => {
    expect(parityHeadline(parityReport())).toBe('identical over 432 ticks');
    expect(parityHeadline(divergingReport())).toBe('differs from tick 12: an output value differs');
    // fills alone can differ: the server's verdict says how
    expect(parityHeadline(parityReport({ identical: false, verdict: 'fill 2 differs' }))).toBe(
      'differs: fill 2 differs',
    );
    expect(describeDivergenceKind('missing-tick')).toBe('the backtest ended before the run did');
  });

  it('writes fills with exact figures and differences with their sign', () => {
    expect(describeParityFill(parityFill({ price: 50_000.123456789 }))).toBe(
      'buy 0.01 @ 50000.123456789, fee 0.25, 2023-11-14 22:14',
    );
    expect(describeParityFill(parityFill({ side: 'sell', liquidation: true }))).toContain('sell 0.01');
    expect(describeParityFill(parityFill({ liquidation: true }))).toMatch(/\(liquidation\)$/);
    expect(describeParityFill(null)).toBe('none');
    expect(signedNumber(0.5)).toBe('+0.5');
    expect(signedNumber(-2)).toBe('-2');
    expect(signedNumber(0)).toBe('+0');
    const [difference] = divergingReport().fills.differences;
    expect(describeFillDifference(difference)).toBe('price +0.5, time +0 ms');
    expect(describeFillDifference({ ...difference, replayed: null, priceDifference: null })).toBe(
      'missing from the backtest',
    );
    expect(describeFillDifference({ ...difference, recorded: null, priceDifference: null })).toBe(
      'only in the backtest',
    );
  });
});
