// uPlot options for the result charts: equity (with buy and hold), drawdown, the candlestick
// price chart with trade markers, and two equities compared. One cursor moves across them all.
import uPlot from 'uplot';
import { formatMoney } from '../trading/format-trading';
import { formatProbeValue } from '../editor/format-value';
import { drawCandles, drawMarkers } from './candle-draw';
import type { TradeMarker } from './trade-markers';

export const chartColors = {
  equity: '#5fb3f9',
  hold: '#8a94a6',
  drawdown: '#f36f7f',
  a: '#5fb3f9',
  b: '#f2b84b',
};
const cursorSyncKey = 'backtest-result';

const axisStyle = { stroke: '#8a94a6', grid: { stroke: '#1f2533', width: 1 }, ticks: { stroke: '#2a3140' } };
const moneyAxis = (_plot: uPlot, ticks: number[]) =>
  ticks.map((tick) => formatMoney(tick).replace(/\.00$/, ''));
const money = (_plot: uPlot, value: number | null) => (value === null ? '—' : formatMoney(value));

function base(width: number, series: uPlot.Series[], yValues: uPlot.Axis['values']): uPlot.Options {
  return {
    width,
    height: 150,
    series: [{}, ...series],
    axes: [{ ...axisStyle }, { ...axisStyle, size: 70, values: yValues }],
    legend: { show: true, live: true },
    cursor: { sync: { key: cursorSyncKey } },
    // Bar times are UTC, as everywhere else in the panel; never the browser's zone.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
  };
}

export function equityOptions(width: number): uPlot.Options {
  return base(
    width,
    [
      { label: 'Equity', stroke: chartColors.equity, width: 1.5, value: money },
      { label: 'Buy and hold', stroke: chartColors.hold, width: 1, dash: [4, 3], value: money },
    ],
    moneyAxis,
  );
}

export function drawdownOptions(width: number): uPlot.Options {
  return base(
    width,
    [
      {
        label: 'Drawdown %',
        stroke: chartColors.drawdown,
        fill: 'rgba(243, 111, 127, 0.15)',
        width: 1,
        value: (_plot, value) => (value === null ? '—' : `${value.toFixed(2)} %`),
      },
    ],
    (_plot, ticks) => ticks.map((tick) => `${tick.toFixed(1)} %`),
  );
}

/**
 * Candles painted by a draw hook over hidden open/high/low/close series (they set the y range
 * to the visible candles' lows and highs), then the markers. `view` is read at paint time, so
 * a new selection repaints without rebuilding the chart.
 */
export function candleOptions(view: { markers: readonly TradeMarker[]; selected: number | null }) {
  return (width: number): uPlot.Options => {
    const hidden = (label: string): uPlot.Series => ({
      label,
      stroke: 'transparent',
      paths: () => null,
      points: { show: false },
      value: (_plot, value) => (value === null ? '—' : formatProbeValue(value)),
    });
    const options = base(
      width,
      [hidden('Open'), hidden('High'), hidden('Low'), hidden('Close')],
      (_plot, ticks) => ticks.map((tick) => formatProbeValue(tick)),
    );
    return {
      ...options,
      hooks: {
        draw: [
          (plot: uPlot) => {
            drawCandles(plot);
            drawMarkers(plot, view.markers, view.selected);
          },
        ],
      },
    };
  };
}

/** The series are named A and B; the labels above the chart say which result each is. */
export function compareOptions() {
  return (width: number): uPlot.Options =>
    base(
      width,
      [
        { label: 'A', stroke: chartColors.a, width: 1.5, value: money, spanGaps: true },
        { label: 'B', stroke: chartColors.b, width: 1.5, value: money, spanGaps: true },
      ],
      moneyAxis,
    );
}

/** One probe's values over the run, on the result charts' cursor. */
export function probeHistoryOptions(label: string) {
  return (width: number): uPlot.Options =>
    base(
      width,
      [
        {
          label,
          stroke: chartColors.a,
          width: 1.25,
          value: (_plot, value) => (value === null ? '—' : formatProbeValue(value)),
        },
      ],
      (_plot, ticks) => ticks.map((tick) => formatProbeValue(tick)),
    );
}
