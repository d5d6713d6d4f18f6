// The time range the charts zoom to when a trade is clicked: the trade with room on each side
// (half its length, and at least `marginCandlesMin` candles), clamped to the data.

export const marginCandlesMin = 10;

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export function tradeWindow(
  trade: { entryTimeMs: number; exitTimeMs: number },
  data: TimeRange,
  candleMs: number,
): TimeRange {
  const margin = Math.max((trade.exitTimeMs - trade.entryTimeMs) / 2, marginCandlesMin * candleMs);
  return {
    fromMs: Math.max(data.fromMs, trade.entryTimeMs - margin),
    toMs: Math.min(data.toMs, trade.exitTimeMs + margin),
  };
}

/** One candle's span from the bars' spacing and the stride; a minute when it cannot be told. */
export function candleSpanMs(timeMs: readonly number[]): number {
  return timeMs.length >= 2 ? timeMs[1] - timeMs[0] : 60_000;
}
