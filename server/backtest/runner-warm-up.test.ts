// tradeFromMs: bars before it only warm the patch up (no orders, no metrics); from it on the
// run trades as usual.
import { describe, expect, it } from 'vitest';
import { runBacktest } from './runner';
import { barsOf, levelCrossPatch, minuteMs, t0 } from './testing';

// crosses above 100 at bar 1 and bar 5, below at bar 3 and bar 7
const bars = barsOf([
  [99, 99, 99, 99],
  [99, 101, 99, 101],
  [101, 101, 101, 101],
  [101, 101, 99, 99],
  [99, 99, 99, 99],
  [99, 101, 99, 101],
  [101, 101, 101, 101],
  [101, 101, 99, 99],
  [99, 99, 99, 99],
]);

describe('runBacktest with tradeFromMs', () => {
  it('trades everything without it', async () => {
    const result = await runBacktest({ patch: levelCrossPatch(100, 1), bars });
    expect(result.counts.fills).toBe(4);
    expect(result.bars.count).toBe(9);
  });

  it('sends no order while warming up, and counts only the bars from tradeFromMs', async () => {
    const tradeFromMs = t0 + 4 * minuteMs;
    const result = await runBacktest({ patch: levelCrossPatch(100, 1), bars, tradeFromMs });
    expect(result.fills.map((f) => [f.side, (f.timeMs - t0) / minuteMs])).toEqual([
      ['buy', 6],
      ['sell', 8],
    ]);
    expect(result.bars).toEqual({ count: 5, firstTimeMs: tradeFromMs, lastTimeMs: t0 + 8 * minuteMs });
    expect(result.equity.timeMs[0]).toBe(tradeFromMs);
    expect(result.counts.trades).toBe(1);
  });
});
