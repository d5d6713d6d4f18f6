// Equity over bar time, one uPlot line. It redraws on its own timer from the trading store (at
// most five times a second), never on every frame.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EquityPoint } from '@patchdesk/modules/contracts/trading';
import { useTradingStore } from '../stores/trading-store';
import { formatMoney } from './format-trading';

const redrawIntervalMs = 200;
const chartHeightPx = 140;
const equityColor = '#5fb3f9';

/** uPlot's columns: seconds on x (its time axis), equity on y. */
export function equityPlotData(points: readonly EquityPoint[]): uPlot.AlignedData {
  return [points.map((point) => point.timeMs / 1000), points.map((point) => point.equity)];
}

function options(width: number): uPlot.Options {
  const axisStyle = {
    stroke: '#8a94a6',
    grid: { stroke: '#1f2533', width: 1 },
    ticks: { stroke: '#2a3140' },
  };
  return {
    width,
    height: chartHeightPx,
    series: [
      {},
      {
        label: 'Equity',
        stroke: equityColor,
        width: 1.5,
        fill: 'rgba(95, 179, 249, 0.08)',
        value: (_plot, value) => (value === null ? '—' : formatMoney(value)),
      },
    ],
    axes: [
      { ...axisStyle },
      {
        ...axisStyle,
        size: 70,
        values: (_plot, ticks) => ticks.map((tick) => formatMoney(tick).replace(/\.00$/, '')),
      },
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
  };
}

export function EquityChart() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let drawn: readonly EquityPoint[] | null = null;
    const plot = new uPlot(options(Math.max(element.clientWidth, 200)), [[], []], element);
    const draw = () => {
      const points = useTradingStore.getState().view?.equity ?? [];
      if (points === drawn) return;
      drawn = points;
      plot.setData(equityPlotData(points));
    };
    draw();
    const timer = setInterval(draw, redrawIntervalMs);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 200), height: chartHeightPx }),
    );
    resize.observe(element);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      plot.destroy();
    };
  }, []);
  return <div className="equity-chart" data-testid="equity-chart" ref={container} />;
}
