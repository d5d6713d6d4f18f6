// The probed series over the last minutes, one uPlot chart with a shared time axis. It redraws on
// its own timer from the probe history, never on every frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { probeSeriesColor } from '../editor/probe-colors';
import { probeHistory } from '../stores/probe-history';
import { useProbeStore } from '../stores/probe-store';

/** Redraws per second at most: smooth enough to read, cheap with 100 series. */
const plotRefreshIntervalMs = 200;
const windowChoicesMinutes = [1, 5] as const;
/** Beyond this a chart is unreadable; the probe list still shows every value. */
export const plottedSeriesMax = 24;

function buildOptions(keys: readonly string[], width: number, height: number): uPlot.Options {
  // Each series gets its own y scale: a price and an RSI do not share a range.
  const series: uPlot.Series[] = [
    {},
    ...keys.map((key, index) => ({
      label: key,
      scale: `y${index}`,
      stroke: probeSeriesColor(index),
      width: 1.5,
    })),
  ];
  const axisStyle = {
    stroke: '#8a94a6',
    grid: { stroke: '#1f2533', width: 1 },
    ticks: { stroke: '#2a3140' },
  };
  const axes: uPlot.Axis[] = [{ ...axisStyle }];
  if (keys.length > 0) axes.push({ ...axisStyle, scale: 'y0', stroke: probeSeriesColor(0) });
  if (keys.length > 1)
    axes.push({ ...axisStyle, scale: 'y1', side: 1, grid: { show: false }, stroke: probeSeriesColor(1) });
  return {
    width,
    height,
    series,
    axes,
    legend: { show: true, live: true },
    cursor: { sync: { key: 'probes' } },
  };
}

export function ProbePlot() {
  const allProbes = useProbeStore((state) => state.probes);
  const probes = useMemo(() => allProbes.slice(0, plottedSeriesMax), [allProbes]);
  const container = useRef<HTMLDivElement>(null);
  const [windowMinutes, setWindowMinutes] = useState<number>(5);

  useEffect(() => {
    const element = container.current;
    if (!element || probes.length === 0) return;
    const width = Math.max(element.clientWidth, 200);
    const height = Math.max(element.clientHeight - 32, 80);
    const plot = new uPlot(buildOptions(probes, width, height), probeHistory.snapshot(probes), element);
    let drawnVersion = -1;
    const timer = setInterval(() => {
      if (probeHistory.version === drawnVersion) return;
      drawnVersion = probeHistory.version;
      const data = probeHistory.snapshot(probes);
      const times = data[0];
      const end = times.at(-1);
      plot.setData(data, end === undefined);
      if (end !== undefined)
        plot.setScale('x', { min: Math.max(times[0], end - windowMinutes * 60), max: end });
    }, plotRefreshIntervalMs);
    const resize = new ResizeObserver(() => {
      plot.setSize({
        width: Math.max(element.clientWidth, 200),
        height: Math.max(element.clientHeight - 32, 80),
      });
    });
    resize.observe(element);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      plot.destroy();
    };
  }, [probes, windowMinutes]);

  return (
    <section className="probe-plot" data-testid="probe-plot">
      <div className="probe-plot__bar">
        <span>
          Probes
          {allProbes.length > probes.length ? ` (first ${probes.length} of ${allProbes.length} plotted)` : ''}
        </span>
        {windowChoicesMinutes.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className={minutes === windowMinutes ? 'active' : ''}
            onClick={() => setWindowMinutes(minutes)}
          >
            {minutes} min
          </button>
        ))}
      </div>
      <div className="probe-plot__chart" ref={container}>
        {probes.length === 0 ? <p className="panel__empty">Probe an output to plot it here.</p> : null}
      </div>
    </section>
  );
}
