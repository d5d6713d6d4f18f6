// Bar timeframes: the intervals the aggregator builds, in ccxt's names. Every interval is aligned
// to UTC epoch multiples (a 4h bar opens at 00:00, 04:00, ... UTC; a 1d bar at 00:00 UTC), as
// the venues' own klines are.

export const timeframes = ['1s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof timeframes)[number];

export const timeframeMs: Readonly<Record<Timeframe, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function isTimeframe(value: string): value is Timeframe {
  return (timeframes as readonly string[]).includes(value);
}

/** Open time of the interval of `timeframe` that holds `timeMs`. */
export function intervalStartMs(timeMs: number, timeframe: Timeframe): number {
  const length = timeframeMs[timeframe];
  return Math.floor(timeMs / length) * length;
}
