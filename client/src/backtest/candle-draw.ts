// Paints candles and trade markers onto a uPlot chart (its `draw` hook), in canvas pixels, for
// the visible range only. uPlot has no candle series of its own; its demo does the same.
import type uPlot from 'uplot';
import type { TradeMarker } from './trade-markers';

export const candleColors = {
  up: '#6bcf8e',
  down: '#f36f7f',
  buy: '#5fb3f9',
  sell: '#f2b84b',
  selected: '#ffffff',
};

function visibleRange(plot: uPlot): [number, number] {
  const times = plot.data[0];
  const min = plot.scales.x.min ?? times[0];
  const max = plot.scales.x.max ?? times[times.length - 1];
  let from = 0;
  while (from < times.length && times[from] < min) from++;
  let to = times.length - 1;
  while (to > from && times[to] > max) to--;
  return [Math.max(0, from - 1), Math.min(times.length - 1, to + 1)];
}

export function drawCandles(plot: uPlot): void {
  const [times, open, high, low, close] = plot.data as unknown as number[][];
  if (times.length === 0) return;
  const ctx = plot.ctx;
  const [from, to] = visibleRange(plot);
  const spacing =
    times.length > 1 ? plot.valToPos(times[1], 'x', true) - plot.valToPos(times[0], 'x', true) : 8;
  const bodyWidth = Math.max(1, Math.min(12 * devicePixelRatio, spacing * 0.7));
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.bbox.left, plot.bbox.top, plot.bbox.width, plot.bbox.height);
  ctx.clip();
  for (let i = from; i <= to; i++) {
    const x = plot.valToPos(times[i], 'x', true);
    const yHigh = plot.valToPos(high[i], 'y', true);
    const yLow = plot.valToPos(low[i], 'y', true);
    const yOpen = plot.valToPos(open[i], 'y', true);
    const yClose = plot.valToPos(close[i], 'y', true);
    const color = close[i] >= open[i] ? candleColors.up : candleColors.down;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, yHigh);
    ctx.lineTo(Math.round(x) + 0.5, yLow);
    ctx.stroke();
    const top = Math.min(yOpen, yClose);
    ctx.fillRect(x - bodyWidth / 2, top, bodyWidth, Math.max(1, Math.abs(yClose - yOpen)));
  }
  ctx.restore();
}

/**
 * Triangles at each trade's entry and exit price: pointing up for a buy, down for a sell; an
 * entry filled, an exit outlined. The selected trade's two ends are joined by a line.
 */
export function drawMarkers(plot: uPlot, markers: readonly TradeMarker[], selected: number | null): void {
  const ctx = plot.ctx;
  const size = 5 * devicePixelRatio;
  const min = plot.scales.x.min ?? -Infinity;
  const max = plot.scales.x.max ?? Infinity;
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.bbox.left, plot.bbox.top, plot.bbox.width, plot.bbox.height);
  ctx.clip();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  const ends: { x: number; y: number }[] = [];
  for (const marker of markers) {
    const t = marker.timeMs / 1000;
    if (t < min || t > max) continue;
    const x = plot.valToPos(t, 'x', true);
    const y = plot.valToPos(marker.price, 'y', true);
    const isSelected = marker.trade === selected;
    if (isSelected) ends.push({ x, y });
    const color = isSelected
      ? candleColors.selected
      : marker.side === 'buy'
        ? candleColors.buy
        : candleColors.sell;
    const tip = marker.side === 'buy' ? y + size * 0.3 : y - size * 0.3;
    const base = marker.side === 'buy' ? tip + size * 1.6 : tip - size * 1.6;
    const scale = isSelected ? 1.5 : 1;
    ctx.beginPath();
    ctx.moveTo(x, tip);
    ctx.lineTo(x - size * scale, tip + (base - tip) * scale);
    ctx.lineTo(x + size * scale, tip + (base - tip) * scale);
    ctx.closePath();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    if (marker.kind === 'entry') ctx.fill();
    else ctx.stroke();
  }
  if (ends.length === 2) {
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.strokeStyle = candleColors.selected;
    ctx.beginPath();
    ctx.moveTo(ends[0].x, ends[0].y);
    ctx.lineTo(ends[1].x, ends[1].y);
    ctx.stroke();
  }
  ctx.restore();
}
