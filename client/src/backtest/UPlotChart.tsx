// One uPlot chart that fills its container's width: built once per `options`, fed `data`, and
// zoomed to `range` (the whole data when null). Drag-selecting a span asks for that range.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeRange } from './trade-window';

export interface UPlotChartProps {
  options: (width: number) => uPlot.Options;
  data: uPlot.AlignedData;
  range: TimeRange | null;
  onRange?: (range: TimeRange) => void;
  /** Changes when something the draw hooks read changes (the selected trade): repaint. */
  paintKey?: unknown;
  testId: string;
  heightPx: number;
  /** Hears the cursor's time (ms) as it moves on this chart or any synced one; null when it leaves. */
  onCursor?: (timeMs: number | null) => void;
}

const minWidthPx = 200;

function applyRange(plot: uPlot, range: TimeRange | null): void {
  const times = plot.data[0];
  if (times.length === 0) return;
  const min = range ? range.fromMs / 1000 : times[0];
  const max = range ? range.toMs / 1000 : times[times.length - 1];
  plot.setScale('x', { min, max: max > min ? max : min + 60 });
}

export function UPlotChart({
  options,
  data,
  range,
  onRange,
  paintKey,
  testId,
  heightPx,
  onCursor,
}: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;
  const onCursorRef = useRef(onCursor);
  onCursorRef.current = onCursor;
  const rangeRef = useRef(range);
  rangeRef.current = range;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const base = options(Math.max(element.clientWidth, minWidthPx));
    const plot = new uPlot(
      {
        ...base,
        height: heightPx,
        cursor: { ...base.cursor, drag: { x: true, y: false, setScale: false } },
        hooks: {
          ...base.hooks,
          setCursor: [
            (u) => {
              const index = u.cursor.idx;
              const seconds = index === null || index === undefined ? undefined : u.data[0][index];
              onCursorRef.current?.(seconds === undefined ? null : seconds * 1000);
            },
          ],
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const fromMs = u.posToVal(u.select.left, 'x') * 1000;
              const toMs = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              onRangeRef.current?.({ fromMs, toMs });
            },
          ],
        },
      },
      data,
      element,
    );
    plotRef.current = plot;
    applyRange(plot, rangeRef.current);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, minWidthPx), height: heightPx }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // Data and range are applied by the effects below, without rebuilding the chart.
  }, [options, heightPx]);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    plot.setData(data, false);
    applyRange(plot, rangeRef.current);
  }, [data]);

  useEffect(() => {
    if (plotRef.current) applyRange(plotRef.current, range);
  }, [range]);

  useEffect(() => {
    plotRef.current?.redraw(false);
  }, [paintKey]);

  return <div className="backtest-chart" data-testid={testId} ref={container} />;
}
