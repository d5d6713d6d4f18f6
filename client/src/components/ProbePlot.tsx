// The probed series in panes, as on a trading chart (editor/plot-panes.ts): price, each other
// scale, volume bars and bool step lanes, one uPlot each, stacked on one time axis with a shared
// cursor (hovering one pane shows every pane's values at that time). It redraws on its own timer
// from the probe history, never on every frame. The panel is resized by dragging its top edge;
// each pane's header moves it up or down or collapses it (the layout is in the UI store).
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { formatProbeValue } from '../editor/format-value';
import { cursorReading, type CursorReading } from '../editor/probe-cursor';
import {
  arrangePanes,
  boolFromLane,
  dropPane,
  boolLaneHeight,
  boolLaneValue,
  formatVolume,
  movePane,
  paneTitle,
  plotPanes,
  togglePaneCollapsed,
} from '../editor/plot-panes';
import type { PlotPane } from '../editor/plot-panes';
import { probePortType } from '../editor/probe-port-type';
import { useGraphStore } from '../stores/graph-store';
import { probeSeriesColor } from '../editor/probe-colors';
import { probeHistory } from '../stores/probe-history';
import type { PlotData } from '../stores/probe-history';
import { useProbeStore } from '../stores/probe-store';
import { useUiStore } from '../stores/ui-store';
import { PlotResizeHandle } from './PlotResizeHandle';
import { paneHeader } from './probe-pane-header';

/** Redraws per second at most: smooth enough to read, cheap with many series. */
const plotRefreshIntervalMs = 200;
/** Plot windows in bars of the data (the axis's time), whatever the bar interval or replay speed. */
const windowChoicesBars = [60, 240, 1000] as const;
/** The whole history held (filled from what the server kept of the run, then the frames). */
const wholeHistory = Number.POSITIVE_INFINITY;
/** Beyond this a chart is unreadable; the probe list still shows every value. */
export const plottedSeriesMax = 24;
/** Room for a price such as 46956.25 on a y axis. */
const yAxisSizePx = 76;
/** Room above the lines for the legend, which sits over the top of its pane. */
const legendPaddingPx = 18;
const timeAxisHeightPx = 30;
/** Height of one bool lane, and the least a pane of numbers gets. */
const boolLanePx = 20;
const paneHeightMinPx = 70;
/** Share of the height left after the bool lanes: price first. */
const paneWeight: Record<PlotPane['kind'], number> = { price: 3, scale: 2, volume: 1.4, bool: 0 };
/** Time labels this far apart at least, so they never run together. */
const timeLabelSpacePx = 110;
const cursorSyncKey = 'probe-panes';
/** A pane's header (title and buttons), the only part a collapsed pane shows; 1 px border under it. */
const paneHeaderPx = 19;

const axisStyle = {
  stroke: '#8a94a6',
  grid: { stroke: '#1f2533', width: 1 },
  ticks: { stroke: '#2a3140' },
};

interface PaneContext {
  pane: PlotPane;
  keys: readonly string[];
  types: readonly (PortType | undefined)[];
  /** Only the bottom pane labels the time axis; the others keep its grid. */
  showTime: boolean;
}

function seriesOf({ pane, keys, types }: PaneContext): uPlot.Series[] {
  return pane.series.map((index, lane) => {
    const base = { label: keys[index], stroke: probeSeriesColor(index), width: 1.5 };
    if (pane.kind === 'bool') {
      return {
        ...base,
        points: { show: false },
        paths: uPlot.paths.stepped?.({ align: 1 }),
        // Filled down to its own lane's floor, not to the pane's.
        fillTo: lane,
        fill: `${probeSeriesColor(index)}33`,
        value: (_plot: uPlot, drawn: number | null) =>
          drawn === null ? '—' : String(boolFromLane(drawn, lane)),
      };
    }
    if (pane.kind === 'volume') {
      return {
        ...base,
        points: { show: false },
        paths: uPlot.paths.bars?.({ size: [0.8, 24] }),
        fill: `${probeSeriesColor(index)}88`,
        // The value reads as in the probe list; only the axis is compact (10.00M).
        value: (_plot: uPlot, value: number | null) =>
          value === null ? '—' : formatProbeValue(value, 'number'),
      };
    }
    // One formatter per port type, as on the node's badge and in the probe list.
    return {
      ...base,
      value: (_plot: uPlot, value: number | null) =>
        value === null
          ? '—'
          : formatProbeValue(value, types[index], useProbeStore.getState().priceDecimals[keys[index]]),
    };
  });
}

function yAxisOf({ pane, keys }: PaneContext): uPlot.Axis {
  const stroke = probeSeriesColor(pane.series[0]);
  if (pane.kind === 'bool') {
    return {
      ...axisStyle,
      size: yAxisSizePx,
      grid: { show: false },
      splits: () => pane.series.map((_index, lane) => lane + boolLaneHeight / 2),
      values: () => pane.series.map((index) => shortKey(keys[index])),
    };
  }
  // The price pane's axis reads with the price's decimals, as its values do.
  const format =
    pane.kind === 'volume'
      ? formatVolume
      : (value: number) =>
          formatProbeValue(value, 'number', useProbeStore.getState().priceDecimals[keys[pane.series[0]]]);
  return {
    ...axisStyle,
    size: yAxisSizePx,
    stroke,
    values: (_plot: uPlot, splits: number[]) => splits.map(format),
  };
}

function buildOptions(context: PaneContext, width: number, height: number): uPlot.Options {
  const { pane, showTime } = context;
  const timeAxis: uPlot.Axis = showTime
    ? { ...axisStyle, space: timeLabelSpacePx, size: timeAxisHeightPx, values: timeLabels }
    : { ...axisStyle, size: 0, values: (_plot: uPlot, splits: number[]) => splits.map(() => '') };
  const scales: uPlot.Scales = { x: { time: true } };
  if (pane.kind === 'bool') scales.y = { range: [-0.3, pane.series.length] };
  if (pane.kind === 'volume') scales.y = { range: (_plot, _min, max) => [0, max > 0 ? max * 1.05 : 1] };
  return {
    width,
    height,
    // The data's own time is UTC, as the time above the panes shows it.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    padding: [legendPaddingPx, 12, showTime ? 0 : 4, 0],
    series: [
      { value: (_plot: uPlot, seconds: number | null) => (seconds === null ? '—' : utcText(seconds * 1000)) },
      ...seriesOf(context),
    ],
    axes: [timeAxis, yAxisOf(context)],
    scales,
    legend: { show: true, live: true },
    cursor: { sync: { key: cursorSyncKey }, drag: { x: false, y: false } },
  };
}

function utcText(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** "HH:MM", with the date where it changes (and on the first label): short enough never to touch. */
function timeLabels(_plot: uPlot, splits: number[]): string[] {
  let previousDay = '';
  return splits.map((seconds) => {
    const text = utcText(seconds * 1000);
    const day = text.slice(5, 10);
    const label = day === previousDay ? text.slice(11) : `${day} ${text.slice(11)}`;
    previousDay = day;
    return label;
  });
}

function shortKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 11)}…` : key;
}

/** The pane's columns of the snapshot; bools moved into their lanes. */
function paneData(data: PlotData, pane: PlotPane): uPlot.AlignedData {
  const columns = pane.series.map((index, lane) => {
    const column = data[index + 1] as (number | null)[];
    return pane.kind === 'bool' ? column.map((value) => boolLaneValue(value, lane)) : column;
  });
  return [data[0], ...columns] as uPlot.AlignedData;
}

/** Pane heights for the space given: bool lanes fixed, the rest shared by weight, all fitting. */
function paneHeights(panes: readonly PlotPane[], totalPx: number): number[] {
  // Each pane has a 1 px border under it.
  const availablePx = totalPx - panes.length;
  const heights = panes.map((pane, index) =>
    pane.kind === 'bool'
      ? pane.series.length * boolLanePx +
        legendPaddingPx +
        10 +
        (index === panes.length - 1 ? timeAxisHeightPx : 0)
      : 0,
  );
  const left = Math.max(availablePx - heights.reduce((sum, px) => sum + px, 0), 0);
  const weights = panes.reduce((sum, pane) => sum + paneWeight[pane.kind], 0);
  panes.forEach((pane, index) => {
    if (pane.kind !== 'bool')
      heights[index] = Math.max(Math.floor((left * paneWeight[pane.kind]) / weights), paneHeightMinPx);
  });
  // The least heights may add up to more than there is: the tallest pane gives way.
  const excess = heights.reduce((sum, px) => sum + px, 0) - availablePx;
  if (excess > 0) {
    const tallest = heights.indexOf(Math.max(...heights));
    heights[tallest] = Math.max(heights[tallest] - excess, 40);
  }
  return heights;
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

/** Every probe at the cursor's bar time: the panes' one cursor, read out in one row. */
function CursorReadout({ reading }: { reading: CursorReading | null }) {
  const patch = useGraphStore((state) => state.document?.patch);
  const catalog = useGraphStore((state) => state.catalog);
  const decimals = useProbeStore((state) => state.priceDecimals);
  return (
    <div className="probe-plot__cursor" data-testid="probe-cursor">
      {reading === null ? (
        <span className="probe-plot__cursor-hint">
          Hover the panes to read every probe at one bar; they hold still meanwhile.
        </span>
      ) : (
        <>
          <span data-testid="probe-cursor-time">{utcText(reading.timeMs)} UTC</span>
          {reading.values.map(({ key, value }) => (
            <span key={key} data-cursor-value={key}>
              {key}{' '}
              <b>
                {value === null
                  ? '—'
                  : formatProbeValue(value, probePortType(patch, catalog, key), decimals[key])}
              </b>
            </span>
          ))}
        </>
      )}
    </div>
  );
}

export function ProbePlot() {
  const allProbes = useProbeStore((state) => state.probes);
  const probes = useMemo(() => allProbes.slice(0, plottedSeriesMax), [allProbes]);
  const patch = useGraphStore((state) => state.document?.patch);
  const catalog = useGraphStore((state) => state.catalog);
  const typesKey = probes.map((key) => probePortType(patch, catalog, key) ?? '').join();
  const container = useRef<HTMLDivElement>(null);
  const [windowBars, setWindowBars] = useState<number>(240);
  const [waiting, setWaiting] = useState(true);
  const plotHeightPx = useUiStore((state) => state.plotHeightPx);
  const paneLayout = useUiStore((state) => state.paneLayout);
  const [cursor, setCursor] = useState<CursorReading | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || probes.length === 0) return;
    const types = typesKey.split(',').map((type) => (type === '' ? undefined : (type as PortType)));
    // A collapsed pane has a holder (its header) and no chart.
    let charts: { pane: PlotPane; plot: uPlot | null; holder: HTMLDivElement }[] = [];
    let layoutKey = '';
    let drawnVersion = -1;
    let drawnData: PlotData = [[]];
    // While the pointer is over the panes they hold still, so scrubbing reads a fixed time.
    let holding = false;
    const onCursor = (plot: uPlot): void => setCursor(cursorReading(drawnData, probes, plot.cursor.idx));
    const hold = (): void => {
      holding = true;
    };
    const release = (): void => {
      holding = false;
      setCursor(null);
    };
    element.addEventListener('pointerenter', hold);
    element.addEventListener('pointerleave', release);
    const destroy = (): void => {
      for (const chart of charts) {
        chart.plot?.destroy();
        chart.holder.remove();
      }
      charts = [];
    };
    const collapsed = (pane: PlotPane) => paneLayout.collapsed.includes(pane.id);
    /** Sizes of the expanded panes, in their order, after every header has its row. */
    const sizes = (panes: readonly PlotPane[]) => {
      const width = Math.max(element.clientWidth, 200);
      const shown = panes.filter((pane) => !collapsed(pane));
      // Every pane has its header; a collapsed one also its 1 px border, which paneHeights cannot see.
      const headersPx = panes.length * paneHeaderPx + (panes.length - shown.length);
      return paneHeights(shown, element.clientHeight - headersPx).map((height) => ({
        width,
        height: Math.max(height, 40),
      }));
    };
    const draw = (): void => {
      const panes = arrangePanes(
        plotPanes(
          probes.map((key, index) => ({ key, type: types[index], latest: probeHistory.latest(key) })),
        ),
        paneLayout,
      );
      const data =
        windowBars === wholeHistory
          ? probeHistory.snapshot(probes)
          : probeHistory.snapshotBars(probes, windowBars);
      drawnData = data;
      setWaiting(data[0].length === 0);
      const key = panes.map((pane) => `${pane.id}:${pane.series.join('.')}`).join('|');
      // Rebuild when the grouping of series into panes changes (first values arrived).
      if (key !== layoutKey) {
        destroy();
        const paneSizes = sizes(panes);
        const shown = panes.filter((pane) => !collapsed(pane));
        const ids = panes.map((pane) => pane.id);
        const { setPaneLayout } = useUiStore.getState();
        charts = panes.map((pane, index) => {
          const holder = document.createElement('div');
          holder.className = `probe-pane probe-pane--${pane.kind}`;
          holder.dataset.pane = pane.kind;
          holder.dataset.paneId = pane.id;
          holder.dataset.collapsed = String(collapsed(pane));
          holder.append(
            paneHeader({
              pane,
              title: paneTitle(pane, probes),
              collapsed: collapsed(pane),
              first: index === 0,
              last: index === panes.length - 1,
              onMove: (step) => setPaneLayout({ ...paneLayout, order: movePane(ids, pane.id, step) }),
              onDropPane: (dragged) =>
                setPaneLayout({ ...paneLayout, order: dropPane(ids, dragged, pane.id) }),
              onToggleCollapsed: () =>
                setPaneLayout({
                  ...paneLayout,
                  collapsed: togglePaneCollapsed(paneLayout.collapsed, pane.id),
                }),
            }),
          );
          element.append(holder);
          if (collapsed(pane)) return { pane, plot: null, holder };
          const body = document.createElement('div');
          body.className = 'probe-pane__body';
          holder.append(body);
          const shownAt = shown.indexOf(pane);
          const context = { pane, keys: probes, types, showTime: shownAt === shown.length - 1 };
          const { width, height } = paneSizes[shownAt];
          const options = buildOptions(context, width, height);
          options.hooks = { setCursor: [onCursor] };
          const plot = new uPlot(options, paneData(data, pane), body);
          return { pane, plot, holder };
        });
        layoutKey = key;
      } else {
        for (const chart of charts) chart.plot?.setData(paneData(data, chart.pane));
      }
      drawnVersion = probeHistory.version;
    };
    draw();
    const timer = setInterval(() => {
      if (!holding && probeHistory.version !== drawnVersion) draw();
    }, plotRefreshIntervalMs);
    const resize = new ResizeObserver(() => {
      const paneSizes = sizes(charts.map((chart) => chart.pane));
      charts
        .filter((chart) => chart.plot !== null)
        .forEach((chart, index) => chart.plot!.setSize(paneSizes[index]));
    });
    resize.observe(element);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      element.removeEventListener('pointerenter', hold);
      element.removeEventListener('pointerleave', release);
      destroy();
    };
  }, [probes, windowBars, typesKey, paneLayout]);

  return (
    <section className="probe-plot" data-testid="probe-plot" style={{ height: plotHeightPx }}>
      <PlotResizeHandle />
      <div className="probe-plot__bar">
        <span>
          Probes
          {allProbes.length > probes.length ? ` (first ${probes.length} of ${allProbes.length} plotted)` : ''}
        </span>
        <ProbeTime />
        {windowChoicesBars.map((bars) => (
          <button
            key={bars}
            type="button"
            className={bars === windowBars ? 'active' : ''}
            data-testid={`plot-window-${bars}`}
            title={`The last ${bars} bars of the data, as the time axis shows them`}
            onClick={() => setWindowBars(bars)}
          >
            {bars} bars
          </button>
        ))}
        <button
          type="button"
          className={windowBars === wholeHistory ? 'active' : ''}
          data-testid="plot-window-all"
          title="Everything held: the minutes the server kept of the run, then what came since"
          onClick={() => setWindowBars(wholeHistory)}
        >
          All
        </button>
      </div>
      <CursorReadout reading={cursor} />
      <div className="probe-plot__chart" ref={container} data-testid="probe-panes">
        {probes.length === 0 ? (
          <p className="panel__empty">Probe an output to plot it here.</p>
        ) : waiting ? (
          <p className="panel__empty probe-plot__waiting">No values yet: run the patch to see its probes.</p>
        ) : null}
      </div>
    </section>
  );
}
