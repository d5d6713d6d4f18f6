// The probed series over the last minutes, one uPlot chart with a shared time axis. It redraws on
// its own timer from the probe history, never on every frame. Series of the same magnitude share
// a y scale; the first two scales get an axis (left, right).
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { formatProbeValue } from '../editor/format-value';
import { plotScales } from '../editor/plot-scales';
import { probePortType } from '../editor/probe-port-type';
import { useGraphStore } from '../stores/graph-store';
import { probeSeriesColor } from '../editor/probe-colors';
import { probeHistory } from '../stores/probe-history';
import { useProbeStore } from '../stores/probe-store';

/** Redraws per second at most: smooth enough to read, cheap with many series. */
const plotRefreshIntervalMs = 200;
/** Plot windows in bar time (the axis's time): an hour, six hours, a day of one-minute bars. */
const windowChoicesMinutes = [60, 360, 1440] as const;
const windowLabel = (minutes: number): string =>
  minutes >= 1440 ? `${minutes / 1440} d` : `${minutes / 60} h`;
/** Beyond this a chart is unreadable; the probe list still shows every value. */
export const plottedSeriesMax = 24;
/** Room for a price such as 46,956.25 on a y axis. */
const yAxisSizePx = 76;
const legendHeightPx = 30;

function buildOptions(
  keys: readonly string[],
  scales: readonly string[],
  types: readonly (PortType | undefined)[],
  width: number,
  height: number,
): uPlot.Options {
  const series: uPlot.Series[] = [
    {},
    ...keys.map((key, index) => ({
      label: key,
      scale: scales[index],
      stroke: probeSeriesColor(index),
      width: 1.5,
      // The legend reads as the node's badge and the probe list do: one formatter per port type.
      value: (_plot: uPlot, value: number | null) =>
        value === null ? '—' : formatProbeValue(value, types[index]),
    })),
  ];
  const axisStyle = {
    stroke: '#8a94a6',
    grid: { stroke: '#1f2533', width: 1 },
    ticks: { stroke: '#2a3140' },
  };
  const axes: uPlot.Axis[] = [{ ...axisStyle }];
  const distinct = [...new Set(scales)];
  if (distinct[0]) {
    axes.push({
      ...axisStyle,
      scale: distinct[0],
      size: yAxisSizePx,
      stroke: probeSeriesColor(scales.indexOf(distinct[0])),
    });
  }
  if (distinct[1]) {
    axes.push({
      ...axisStyle,
      scale: distinct[1],
      side: 1,
      size: yAxisSizePx,
      grid: { show: false },
      stroke: probeSeriesColor(scales.indexOf(distinct[1])),
    });
  }
  return {
    width,
    height,
    series,
    axes,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
  };
}

function chartSize(element: HTMLElement): { width: number; height: number } {
  return {
    width: Math.max(element.clientWidth, 200),
    height: Math.max(element.clientHeight - legendHeightPx, 80),
  };
}

/** The data time of the newest probe frame: always a time of the data (the bar's close). */
function ProbeTime() {
  const timeMs = useProbeStore((state) => state.lastFrameAtMs);
  if (timeMs === null) return null;
  return (
    <span
      className="probe-plot__time"
      data-testid="plot-time"
      data-time-ms={timeMs}
      title="Data time of the newest values (the close of the bar they were computed on)"
    >
      {new Date(timeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC
    </span>
  );
}

export function ProbePlot() {
  const allProbes = useProbeStore((state) => state.probes);
  const probes = useMemo(() => allProbes.slice(0, plottedSeriesMax), [allProbes]);
  const patch = useGraphStore((state) => state.document?.patch);
  const catalog = useGraphStore((state) => state.catalog);
  const typesKey = probes.map((key) => probePortType(patch, catalog, key) ?? '').join();
  const container = useRef<HTMLDivElement>(null);
  const [windowMinutes, setWindowMinutes] = useState<number>(360);

  useEffect(() => {
    const element = container.current;
    if (!element || probes.length === 0) return;
    let plot: uPlot | null = null;
    let scalesKey = '';
    let drawnVersion = -1;
    const draw = (): void => {
      const scales = plotScales(probes.map((key) => probeHistory.latest(key)));
      const data = probeHistory.snapshot(probes, windowMinutes * 60_000);
      // Rebuild when the grouping of series into scales changes (first values arrived).
      if (!plot || scales.join() !== scalesKey) {
        plot?.destroy();
        const { width, height } = chartSize(element);
        const types = typesKey.split(',').map((type) => (type === '' ? undefined : (type as PortType)));
        plot = new uPlot(buildOptions(probes, scales, types, width, height), data, element);
        scalesKey = scales.join();
      } else {
        plot.setData(data);
      }
      drawnVersion = probeHistory.version;
    };
    draw();
    const timer = setInterval(() => {
      if (probeHistory.version !== drawnVersion) draw();
    }, plotRefreshIntervalMs);
    const resize = new ResizeObserver(() => plot?.setSize(chartSize(element)));
    resize.observe(element);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      plot?.destroy();
    };
  }, [probes, windowMinutes, typesKey]);

  return (
    <section className="probe-plot" data-testid="probe-plot">
      <div className="probe-plot__bar">
        <span>
          Probes
          {allProbes.length > probes.length ? ` (first ${probes.length} of ${allProbes.length} plotted)` : ''}
        </span>
        <ProbeTime />
        {windowChoicesMinutes.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className={minutes === windowMinutes ? 'active' : ''}
            data-testid={`plot-window-${minutes}`}
            title="In bar time, as the axis shows it"
            onClick={() => setWindowMinutes(minutes)}
          >
            last {windowLabel(minutes)}
          </button>
        ))}
      </div>
      <div className="probe-plot__chart" ref={container}>
        {probes.length === 0 ? <p className="panel__empty">Probe an output to plot it here.</p> : null}
      </div>
    </section>
  );
}
