// How probed series are laid out in panes, as on a trading chart: the price and what shares its
// scale (moving averages, bands) in the price pane; each other scale (an RSI, a z-score) in a pane
// of its own with its axis; volume as bars in its own pane; bools as step lanes in one pane,
// one lane each (true up, false down) rather than lines on a 0 / 0.5 / 1 axis.
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { plotScales } from './plot-scales';
import { isPricePort } from './price-precision';

export type PaneKind = 'price' | 'scale' | 'volume' | 'bool';

export interface PlotPane {
  /** Stable while the grouping holds: the chart of a pane is rebuilt only when it changes. */
  id: string;
  kind: PaneKind;
  /** Indices into the probe list, in its order (colours follow the list). */
  series: number[];
}

export interface PlotSeriesInfo {
  key: string;
  type: PortType | undefined;
  /** Newest value, NaN before the first. */
  latest: number;
}

function portOf(key: string): string {
  return key.slice(key.indexOf('.') + 1);
}

export function plotPanes(series: readonly PlotSeriesInfo[]): PlotPane[] {
  const scales = plotScales(series.map((entry) => entry.latest));
  const numeric: number[] = [];
  const volume: number[] = [];
  const bools: number[] = [];
  series.forEach((entry, index) => {
    if (entry.type === 'bool') bools.push(index);
    else if (portOf(entry.key) === 'volume') volume.push(index);
    else numeric.push(index);
  });
  // The price scale: that of a price port when one is probed, else the scale most series share.
  const priced = numeric.find((index) => isPricePort(series[index].key) && hasValue(series[index]));
  const priceScale =
    priced !== undefined
      ? scales[priced]
      : mostShared(numeric.filter((i) => hasValue(series[i])).map((i) => scales[i]));
  const panes: PlotPane[] = [];
  const price: number[] = [];
  const others = new Map<string, number[]>();
  for (const index of numeric) {
    // A series with no value yet waits in the price pane; it moves once its scale is known.
    if (!hasValue(series[index]) || scales[index] === priceScale) price.push(index);
    else others.set(scales[index], [...(others.get(scales[index]) ?? []), index]);
  }
  if (price.length > 0) panes.push({ id: 'price', kind: 'price', series: price });
  for (const [scale, indices] of others) panes.push({ id: `scale-${scale}`, kind: 'scale', series: indices });
  if (volume.length > 0) panes.push({ id: 'volume', kind: 'volume', series: volume });
  if (bools.length > 0) panes.push({ id: 'bool', kind: 'bool', series: bools });
  return panes;
}

function hasValue(entry: PlotSeriesInfo): boolean {
  return Number.isFinite(entry.latest);
}

function mostShared(scales: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const scale of scales) counts.set(scale, (counts.get(scale) ?? 0) + 1);
  let best: string | undefined;
  for (const [scale, count] of counts) if (best === undefined || count > counts.get(best)!) best = scale;
  return best;
}

/** Where lane `lane` of a bool pane draws a value: true high in its lane, false low. */
export function boolLaneValue(value: number | null, lane: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return lane + (value !== 0 ? boolLaneHeight : 0);
}

/** A lane is 1 unit tall; a step spans most of it, leaving a gap to the next lane. */
export const boolLaneHeight = 0.7;

/** The bool a lane's drawn value stands for. */
export function boolFromLane(drawn: number, lane: number): boolean {
  return drawn - lane > boolLaneHeight / 2;
}

/** A compact volume: 3.35M, 12.6k, 950. */
export function formatVolume(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (magnitude >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

/** How the person arranged the panes: ids in the order they chose, and the ids collapsed. */
export interface PaneLayout {
  order: readonly string[];
  collapsed: readonly string[];
}

export const defaultPaneLayout: PaneLayout = { order: [], collapsed: [] };

/**
 * The panes in the chosen order: panes the layout orders first, as ordered; a pane it does not
 * know yet (a scale that just got its first value) after them, in its natural place among them.
 */
export function arrangePanes(panes: readonly PlotPane[], layout: PaneLayout): PlotPane[] {
  const rank = (pane: PlotPane): number => {
    const at = layout.order.indexOf(pane.id);
    return at === -1 ? layout.order.length : at;
  };
  // Array.prototype.sort is stable, so unknown panes keep their natural order.
  return [...panes].sort((a, b) => rank(a) - rank(b));
}

/**
 * The order after moving pane `id` one place up (-1) or down (+1) among the panes shown now.
 * Moving the first up or the last down changes nothing.
 */
export function movePane(shownIds: readonly string[], id: string, step: -1 | 1): string[] {
  const order = [...shownIds];
  const from = order.indexOf(id);
  const to = from + step;
  if (from === -1 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to], order[from]];
  return order;
}

/**
 * The order after dragging pane `id` onto pane `target`: it takes the target's place, the
 * target and those between move one place towards where it came from.
 */
export function dropPane(shownIds: readonly string[], id: string, target: string): string[] {
  const order = [...shownIds];
  const from = order.indexOf(id);
  const to = order.indexOf(target);
  if (from === -1 || to === -1 || from === to) return order;
  order.splice(from, 1);
  order.splice(to, 0, id);
  return order;
}

/** The collapsed ids with `id` toggled; its probes stay, only its chart is folded away. */
export function togglePaneCollapsed(collapsed: readonly string[], id: string): string[] {
  return collapsed.includes(id) ? collapsed.filter((other) => other !== id) : [...collapsed, id];
}

/** The title in a pane's header: what a trader would call it. */
export function paneTitle(pane: PlotPane, keys: readonly string[]): string {
  if (pane.kind === 'price') return 'Price';
  if (pane.kind === 'volume') return 'Volume';
  if (pane.kind === 'bool') return 'Signals';
  const names = pane.series.map((index) => keys[index]);
  return names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
}
