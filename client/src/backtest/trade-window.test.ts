import { describe, expect, it } from 'vitest';
import { candleSpanMs, tradeWindow } from './trade-window';

const minute = 60_000;
const data = { fromMs: 0, toMs: 1000 * minute };

describe('tradeWindow', () => {
  it('shows a long trade with half its length on each side', () => {
    expect(tradeWindow({ entryTimeMs: 400 * minute, exitTimeMs: 500 * minute }, data, minute)).toEqual({
      fromMs: 350 * minute,
      toMs: 550 * minute,
    });
  });

  it('gives a short trade ten candles each side, clamped to the data', () => {
    expect(tradeWindow({ entryTimeMs: 2 * minute, exitTimeMs: 3 * minute }, data, minute)).toEqual({
      fromMs: 0,
      toMs: 13 * minute,
    });
  });

  it('reads the candle span from the times', () => {
    expect(candleSpanMs([0, 4 * minute, 8 * minute])).toBe(4 * minute);
    expect(candleSpanMs([0])).toBe(minute);
  });
});
