// Where a cable is drawn. React Flow's default cable is a bezier from the output's handle to the
// input's; across several columns of modules it runs straight through the ones in between
// (issue 13, item 13). routeCable keeps that bezier whenever it clears every module box but the
// cable's own two, and otherwise draws the cable along a lane: out of the output to the right,
// along the gap between columns to a free row, across to the gap before the input, and in.
// Pure geometry, so a test can check every shipped example's layout without a browser.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type CableRoute = { kind: 'bezier' } | { kind: 'lanes'; points: Point[] };

/** How far a lane runs straight out of an output (and into an input) before it turns. */
export const laneStubPx = 18;
/** How far a lane passes from a module it goes around. */
export const laneClearancePx = 12;
/** Points a bezier is checked at: plenty for the curvature React Flow draws. */
const bezierSamples = 48;
/** React Flow's default bezier curvature (getBezierPath). */
const bezierCurvature = 0.25;

/** The control-point offset React Flow uses for a bezier between a right and a left handle. */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : bezierCurvature * 25 * Math.sqrt(-distance);
}

/** The default cable as a polyline of `bezierSamples` segments, as React Flow draws it. */
export function bezierPoints(from: Point, to: Point): Point[] {
  const c1 = { x: from.x + controlOffset(to.x - from.x), y: from.y };
  const c2 = { x: to.x - controlOffset(to.x - from.x), y: to.y };
  const points: Point[] = [];
  for (let i = 0; i <= bezierSamples; i++) {
    const t = i / bezierSamples;
    const u = 1 - t;
    points.push({
      x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
      y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
    });
  }
  return points;
}

/** True when the segment a-b passes through the inside of the box (touching its edge is not). */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  // Liang-Barsky clipping against the open box.
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let low = 0;
  let high = 1;
  const edges: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) low = Math.max(low, r);
    else high = Math.min(high, r);
    if (low >= high) return false;
  }
  return high - low > 1e-9;
}

/** The boxes a polyline passes through. */
export function boxesCrossed(points: readonly Point[], boxes: readonly Box[]): Box[] {
  return boxes.filter((box) =>
    points.some((point, i) => i > 0 && segmentCrossesBox(points[i - 1], point, box)),
  );
}

function lanePoints(from: Point, to: Point, laneY: number): Point[] {
  const outX = from.x + laneStubPx;
  const inX = to.x - laneStubPx;
  return [from, { x: outX, y: from.y }, { x: outX, y: laneY }, { x: inX, y: laneY }, { x: inX, y: to.y }, to];
}

/**
 * The cable from an output at `from` to an input at `to`, given the boxes of every other module
 * (not the cable's own two). A bezier when it clears them; else the lane route whose row is
 * nearest the two ends among those that clear them; a bezier again when none does.
 */
export function routeCable(from: Point, to: Point, others: readonly Box[]): CableRoute {
  // Only boxes near the cable can be in its way: those overlapping the span of its ends,
  // widened by how far a lane or a backward bezier can reach.
  const reach = laneStubPx + controlOffset(to.x - from.x);
  const left = Math.min(from.x, to.x) - reach;
  const right = Math.max(from.x, to.x) + reach;
  const near = others.filter((box) => box.x < right && box.x + box.width > left);
  if (boxesCrossed(bezierPoints(from, to), near).length === 0) return { kind: 'bezier' };
  const rows = new Set<number>([from.y, to.y]);
  for (const box of near) {
    rows.add(box.y - laneClearancePx);
    rows.add(box.y + box.height + laneClearancePx);
  }
  const cost = (y: number) => Math.abs(y - from.y) + Math.abs(y - to.y);
  const ordered = [...rows].sort((a, b) => cost(a) - cost(b) || a - b);
  for (const y of ordered) {
    const points = lanePoints(from, to, y);
    if (boxesCrossed(points, near).length === 0) return { kind: 'lanes', points };
  }
  return { kind: 'bezier' };
}

/** An SVG path through lane points, its corners rounded by up to `radius`. */
export function lanePath(points: readonly Point[], radius = 8): string {
  let path = `M ${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, at, next] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(
      radius,
      Math.hypot(at.x - prev.x, at.y - prev.y) / 2,
      Math.hypot(next.x - at.x, next.y - at.y) / 2,
    );
    const toward = (p: Point, d: number) => {
      const length = Math.hypot(p.x - at.x, p.y - at.y) || 1;
      return { x: at.x + ((p.x - at.x) / length) * d, y: at.y + ((p.y - at.y) / length) * d };
    };
    const a = toward(prev, r);
    const b = toward(next, r);
    path += ` L ${a.x},${a.y} Q ${at.x},${at.y} ${b.x},${b.y}`;
  }
  const last = points[points.length - 1];
  return `${path} L ${last.x},${last.y}`;
}
