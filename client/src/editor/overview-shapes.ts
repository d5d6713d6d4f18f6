// The zoomed-out canvas as a handful of SVG paths: every module box in one path, the coloured
// top edges one path per category, cables one path per colour and mark. A thousand modules drawn
// as DOM nodes cost a thousand paint layers on every frame of a pan; a few paths cost almost
// nothing, and they only change when the patch, the selection or the diff does.
import { Position, getBezierPath } from '@xyflow/react';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import type { DiffHighlight, ModuleChange } from './diff-highlight';
import type { ModuleBox } from './module-boxes';
import { portColor } from './port-colors';

/** The part of a React Flow cable edge the overview reads. */
export interface OverviewEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  selected?: boolean;
  data?: { portType?: PortType };
}

export type ModuleMark = 'selected' | ModuleChange;
export type CableMark = 'plain' | 'selected' | 'added' | 'removed';

export interface OverviewShapes {
  /** Every module's box, in one path. */
  bodies: string;
  /** The top edge of each module, one path per category (`unknown` for unknown types). */
  stripes: { category: string; d: string }[];
  /** Outlines of selected and diff-marked modules, one path per mark. */
  outlines: { mark: ModuleMark; d: string }[];
  /** Cables, one path per colour and mark. */
  cables: { key: string; stroke: string; mark: CableMark; d: string }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

function rect(x: number, y: number, width: number, height: number): string {
  return `M${round(x)} ${round(y)}h${round(width)}v${round(height)}h${round(-width)}z`;
}

function append<Key>(groups: Map<Key, string[]>, key: Key, part: string): void {
  const parts = groups.get(key);
  if (parts) parts.push(part);
  else groups.set(key, [part]);
}

function cablePath(edge: OverviewEdge, boxes: ReadonlyMap<string, ModuleBox>): string | undefined {
  const from = boxes.get(edge.source);
  const to = boxes.get(edge.target);
  const start = from?.outputs.get(edge.sourceHandle ?? '');
  const end = to?.inputs.get(edge.targetHandle ?? '');
  if (!from || !to || !start || !end) return undefined;
  const [path] = getBezierPath({
    sourceX: round(from.x + start.x),
    sourceY: round(from.y + start.y),
    sourcePosition: Position.Right,
    targetX: round(to.x + end.x),
    targetY: round(to.y + end.y),
    targetPosition: Position.Left,
  });
  return path;
}

export function overviewShapes(
  boxes: ReadonlyMap<string, ModuleBox>,
  edges: readonly OverviewEdge[],
  highlight: DiffHighlight | null,
): OverviewShapes {
  const bodies: string[] = [];
  const stripes = new Map<string, string[]>();
  const outlines = new Map<ModuleMark, string[]>();
  for (const box of boxes.values()) {
    const outline = rect(box.x, box.y, box.width, box.height);
    bodies.push(outline);
    append(stripes, box.category ?? 'unknown', `M${round(box.x)} ${round(box.y)}h${round(box.width)}`);
    if (box.selected) append(outlines, 'selected', outline);
    const change = highlight?.modules[box.id];
    if (change) append(outlines, change, outline);
  }
  const cables = new Map<string, { stroke: string; mark: CableMark; parts: string[] }>();
  for (const edge of edges) {
    const path = cablePath(edge, boxes);
    if (!path) continue;
    const mark: CableMark = highlight?.cables[edge.id] ?? (edge.selected ? 'selected' : 'plain');
    const stroke = portColor(edge.data?.portType);
    const key = `${mark}:${stroke}`;
    const group = cables.get(key);
    if (group) group.parts.push(path);
    else cables.set(key, { stroke, mark, parts: [path] });
  }
  const byKey = <Key extends string, Value>(a: [Key, Value], b: [Key, Value]) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  return {
    bodies: bodies.join(''),
    stripes: [...stripes].sort(byKey).map(([category, parts]) => ({ category, d: parts.join('') })),
    outlines: [...outlines].sort(byKey).map(([mark, parts]) => ({ mark, d: parts.join('') })),
    cables: [...cables]
      .sort(byKey)
      .map(([key, group]) => ({ key, stroke: group.stroke, mark: group.mark, d: group.parts.join('') })),
  };
}
