// How fast a backtest runs: as fast as the server goes, or at a pace a person can watch (the
// results never depend on it). BacktestHub takes `speed` in virtual ms per wall ms: data time
// per wall time, so "one day of data a second" is a speed of 86,400.

const secondMs = 1000;
const hourMs = 3_600_000;

/** The choices offered, in data time per wall second; null = fastest. */
export const paceChoices: readonly { dataMsPerSecond: number | null; label: string }[] = [
  { dataMsPerSecond: null, label: 'as fast as possible' },
  { dataMsPerSecond: 24 * hourMs, label: '1 day of data a second' },
  { dataMsPerSecond: 6 * hourMs, label: '6 hours of data a second' },
  { dataMsPerSecond: hourMs, label: '1 hour of data a second' },
];

/** BacktestHub's `speed` for a pace; undefined (fastest) for null. */
export function speedOfPace(dataMsPerSecond: number | null): number | undefined {
  return dataMsPerSecond === null ? undefined : dataMsPerSecond / secondMs;
}
