// uPlot's columns for the result charts (seconds on x, its time axis): equity with buy and hold,
// drawdown (as a negative percentage, so a fall points down), and the candles.
import type uPlot from 'uplot';
import type { BacktestCandles, BacktestSeries } from '@patchdesk/modules/contracts/backtest';

const seconds = (timeMs: readonly number[]) => timeMs.map((t) => t / 1000);

export function equityData(series: BacktestSeries): uPlot.AlignedData {
  return [seconds(series.timeMs), series.equity, series.buyAndHold];
}

export function drawdownData(series: BacktestSeries): uPlot.AlignedData {
  return [seconds(series.timeMs), series.drawdown.map((fraction) => -fraction * 100)];
}

/** Time, open, high, low, close: high and low drive the y range, the draw hook paints candles. */
export function candleData(candles: BacktestCandles): uPlot.AlignedData {
  return [seconds(candles.timeMs), candles.open, candles.high, candles.low, candles.close];
}

/** Two equity curves on one time axis (their times may differ): null where one has no point. */
export function comparedEquityData(a: BacktestSeries, b: BacktestSeries): uPlot.AlignedData {
  const times = [...new Set([...a.timeMs, ...b.timeMs])].sort((x, y) => x - y);
  const at = (series: BacktestSeries) => {
    const byTime = new Map(series.timeMs.map((t, i) => [t, series.equity[i]]));
    return times.map((t) => byTime.get(t) ?? null);
  };
  return [seconds(times), at(a), at(b)];
}
