// Test data for sweeps and walk-forwards: hourly bars over enough days for daily Sharpe ratios,
// a seeded random walk with slow swings, so EMA crosses trade and different periods differ.
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import type { BarColumns } from '../../market/bar-columns';

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
export const startMs = Date.UTC(2023, 0, 1);

export function hourlyBars(days: number, seed = 11): BarColumns {
  const n = days * 24;
  const next = seededRandom(seed);
  const columns = {
    length: n,
    timeMs: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let price = 30_000;
  for (let i = 0; i < n; i++) {
    const swing = Math.sin(i / 40) * 0.002;
    const open = price;
    const close = open * (1 + swing + (next() - 0.5) * 0.01);
    columns.timeMs[i] = startMs + i * hourMs;
    columns.open[i] = open;
    columns.close[i] = close;
    columns.high[i] = Math.max(open, close) * (1 + next() * 0.002);
    columns.low[i] = Math.min(open, close) * (1 - next() * 0.002);
    columns.volume[i] = 100 + next() * 1_000;
    price = close;
  }
  return columns;
}
