// Two swept params as a heatmap on a canvas: the first across, the second up, each cell coloured
// by the objective (a legend gives the scale's ends), the best run outlined, the chosen one
// ringed. A click on a cell opens that run as a backtest; hovering shows its params and value.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SweepOutcome } from '@patchdesk/modules/contracts/sweep';
import { formatMetric } from './metric-info';
import { heatmapOf, scaleColour, scalePosition, type Heatmap } from './sweep-heatmap';

const width = 560;
const height = 300;
const margin = { left: 56, right: 8, top: 8, bottom: 34 };
const legendStops = 24;

interface Cell {
  x: number;
  y: number;
}

function cellAt(map: Heatmap, px: number, py: number): Cell | null {
  const w = (width - margin.left - margin.right) / map.xs.length;
  const h = (height - margin.top - margin.bottom) / map.ys.length;
  const x = Math.floor((px - margin.left) / w);
  // y grows upwards: the lowest value of the second param is the bottom row
  const y = map.ys.length - 1 - Math.floor((py - margin.top) / h);
  return x >= 0 && x < map.xs.length && y >= 0 && y < map.ys.length ? { x, y } : null;
}

function draw(
  canvas: HTMLCanvasElement,
  map: Heatmap,
  outcome: SweepOutcome,
  selected: number | null,
  hover: Cell | null,
): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  const text = style.getPropertyValue('--text-dim').trim() || '#aab';
  const w = (width - margin.left - margin.right) / map.xs.length;
  const h = (height - margin.top - margin.bottom) / map.ys.length;
  const lowerIsBetter = outcome.objective === 'maxDrawdown';
  ctx.font = '11px system-ui, sans-serif';
  map.cells.forEach((line, y) =>
    line.forEach((rowIndex, x) => {
      const left = margin.left + x * w;
      const top = margin.top + (map.ys.length - 1 - y) * h;
      const value = rowIndex === null ? null : outcome.rows[rowIndex].value;
      const t =
        value === null || map.low === null || map.high === null
          ? null
          : scalePosition(value, map.low, map.high, lowerIsBetter);
      ctx.fillStyle = t === null ? '#2a2d33' : scaleColour(t);
      ctx.fillRect(left + 0.5, top + 0.5, w - 1, h - 1);
      // the value itself where a cell has room: dark on the light end of the scale
      if (value !== null && t !== null && w >= 44 && h >= 16) {
        ctx.fillStyle = t > 0.65 ? '#111317' : '#f4f6fa';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(formatMetric(outcome.objective, value), left + w / 2, top + h / 2);
      }
      const ring = (colour: string, lineWidth: number) => {
        ctx.strokeStyle = colour;
        ctx.lineWidth = lineWidth;
        ctx.strokeRect(left + 1.5, top + 1.5, w - 3, h - 3);
      };
      if (rowIndex !== null && rowIndex === outcome.best) ring('#ffffff', 2);
      if (rowIndex !== null && rowIndex === selected) ring('#ff6b6b', 3);
      if (hover && hover.x === x && hover.y === y) ring('rgba(255,255,255,0.6)', 1);
    }),
  );
  ctx.fillStyle = text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(map.xs.length / 12));
  map.xs.forEach((value, x) => {
    if (x % every === 0) ctx.fillText(String(value), margin.left + (x + 0.5) * w, height - margin.bottom + 4);
  });
  ctx.fillText(map.xName, margin.left + (width - margin.left - margin.right) / 2, height - 14);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const everyY = Math.max(1, Math.ceil(map.ys.length / 10));
  map.ys.forEach((value, y) => {
    if (y % everyY === 0)
      ctx.fillText(String(value), margin.left - 6, margin.top + (map.ys.length - 1 - y + 0.5) * h);
  });
  ctx.save();
  ctx.translate(12, margin.top + (height - margin.top - margin.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(map.yName, 0, 0);
  ctx.restore();
}

export function SweepHeatmap({
  outcome,
  selected,
  onOpen,
}: {
  outcome: SweepOutcome;
  selected: number | null;
  onOpen: (index: number) => void;
}) {
  const map = useMemo(() => heatmapOf(outcome), [outcome]);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [hover, setHover] = useState<Cell | null>(null);
  useEffect(() => {
    if (canvas.current && map) draw(canvas.current, map, outcome, selected, hover);
  }, [map, outcome, selected, hover]);
  if (!map) return null;
  const lowerIsBetter = outcome.objective === 'maxDrawdown';
  const hoverRow = hover ? map.cells[hover.y][hover.x] : null;
  const hoverText =
    hover && hoverRow !== null
      ? `${map.xName} ${map.xs[hover.x]}, ${map.yName} ${map.ys[hover.y]}: ` +
        `${formatMetric(outcome.objective, outcome.rows[hoverRow].value)} — click to backtest`
      : 'Hover a cell for its value; click to backtest it.';
  const at = (event: React.MouseEvent<HTMLCanvasElement>): Cell | null => {
    const box = event.currentTarget.getBoundingClientRect();
    return cellAt(
      map,
      ((event.clientX - box.left) / box.width) * width,
      ((event.clientY - box.top) / box.height) * height,
    );
  };
  const [worst, best] = lowerIsBetter ? [map.high, map.low] : [map.low, map.high];
  const gradient = Array.from({ length: legendStops }, (_, i) => scaleColour(i / (legendStops - 1))).join(
    ', ',
  );
  return (
    <div className="sweep-heatmap" data-testid="sweep-heatmap">
      <canvas
        ref={canvas}
        style={{ width, height }}
        data-testid="sweep-heatmap-canvas"
        data-columns={map.xs.length}
        data-rows={map.ys.length}
        onMouseMove={(event) => setHover(at(event))}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          const cell = at(event);
          const rowIndex = cell ? map.cells[cell.y][cell.x] : null;
          if (rowIndex !== null) onOpen(rowIndex);
        }}
      />
      <div className="sweep-heatmap__legend" data-testid="sweep-legend">
        <span data-testid="sweep-legend-worst">{formatMetric(outcome.objective, worst)}</span>
        <span
          className="sweep-heatmap__scale"
          style={{ background: `linear-gradient(to right, ${gradient})` }}
        />
        <span data-testid="sweep-legend-best">{formatMetric(outcome.objective, best)}</span>
        <span className="backtest__hint">
          {outcome.objective}: worst → best{map.low === null ? ' (undefined for every run)' : ''}; grey: no
          run or undefined; white outline: best; red: opened
        </span>
      </div>
      <p className="backtest__hint" data-testid="sweep-hover">
        {hoverText}
      </p>
    </div>
  );
}
