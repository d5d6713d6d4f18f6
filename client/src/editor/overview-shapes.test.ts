import { describe, expect, it } from 'vitest';
import { emptyHighlight } from './diff-highlight';
import type { ModuleBox } from './module-boxes';
import { overviewShapes } from './overview-shapes';
import type { OverviewEdge } from './overview-shapes';
import { portColors } from './port-colors';

function box(id: string, category: string | undefined, x: number, y: number, selected = false): ModuleBox {
  return {
    id,
    category,
    selected,
    x,
    y,
    width: 190,
    height: 96,
    outputs: new Map([['out', { x: 196, y: 47 }]]),
    inputs: new Map([
      ['in', { x: -6, y: 47 }],
      ['b', { x: -6, y: 70 }],
    ]),
  };
}

const boxes = new Map(
  [box('a', 'sources', 0, 0), box('b', 'indicators', 300, 0, true), box('c', undefined, 600, 200)].map(
    (entry) => [entry.id, entry],
  ),
);

function edge(source: string, target: string, targetHandle = 'in', selected = false): OverviewEdge {
  return {
    id: `${source}.out>${target}.${targetHandle}`,
    source,
    target,
    sourceHandle: 'out',
    targetHandle,
    selected,
    data: { portType: 'number' },
  };
}

/** The start and end points of each cubic in a path `Mx,y Cx,y x,y x,y` ... */
function ends(d: string): string[] {
  return [...d.matchAll(/M([-\d.]+),([-\d.]+) C[-\d.]+,[-\d.]+ [-\d.]+,[-\d.]+ ([-\d.]+),([-\d.]+)/g)].map(
    (match) => `${match[1]},${match[2]}->${match[3]},${match[4]}`,
  );
}

describe('overviewShapes', () => {
  it('draws every module box in one path and the top edges one path per category', () => {
    const shapes = overviewShapes(boxes, [], null);
    expect(shapes.bodies).toBe('M0 0h190v96h-190zM300 0h190v96h-190zM600 200h190v96h-190z');
    expect(shapes.stripes).toEqual([
      { category: 'indicators', d: 'M300 0h190' },
      { category: 'sources', d: 'M0 0h190' },
      { category: 'unknown', d: 'M600 200h190' },
    ]);
    expect(shapes.outlines).toEqual([{ mark: 'selected', d: 'M300 0h190v96h-190z' }]);
  });

  it('draws cables between the handle end points, grouped by colour, and skips unknown ports', () => {
    const shapes = overviewShapes(boxes, [edge('a', 'b'), edge('b', 'c', 'b'), edge('a', 'c', 'gone')], null);
    expect(shapes.cables).toHaveLength(1);
    expect(shapes.cables[0]).toMatchObject({ mark: 'plain', stroke: portColors.number });
    expect(ends(shapes.cables[0].d)).toEqual(['196,47->294,47', '496,47->594,270']);
  });

  it('marks selected cables and the diff: added and removed cables, changed modules', () => {
    const highlight = {
      ...emptyHighlight,
      modules: { c: 'changed' as const },
      cables: { 'b.out>c.b': 'added' as const },
    };
    const shapes = overviewShapes(boxes, [edge('a', 'b', 'in', true), edge('b', 'c', 'b')], highlight);
    expect(shapes.cables.map((cable) => [cable.mark, ends(cable.d)])).toEqual([
      ['added', ['496,47->594,270']],
      ['selected', ['196,47->294,47']],
    ]);
    expect(shapes.outlines.map((outline) => outline.mark)).toEqual(['changed', 'selected']);
  });
});
