// Cable routing: the hand cases, and issue 13's item 13 checked on every shipped example, as
// shipped and after auto layout: no cable, as the canvas draws it, passes through a module box
// other than its own two ends.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import { layoutEdits } from './auto-layout';
import { applyEdits } from './apply-edit';
import { bezierPoints, boxesCrossed, lanePath, routeCable, segmentCrossesBox } from './cable-route';
import type { Box, Point } from './cable-route';
import { moduleBoxes } from './module-boxes';
import type { BoxSourceNode, ModuleBox } from './module-boxes';

const box = (id: string, x: number, y: number, width = 100, height = 60): Box => ({
  id,
  x,
  y,
  width,
  height,
});

describe('segmentCrossesBox', () => {
  it('is true through the inside, false past it or along its edge', () => {
    const b = box('b', 0, 0, 10, 10);
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: 15, y: 5 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: 5, y: 5 }, { x: 6, y: 6 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: -5, y: 11 }, { x: 15, y: 11 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 10 }, { x: 15, y: 10 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: -5 }, { x: -1, y: 20 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 0 }, { x: 5, y: 10 }, b)).toBe(true);
  });
});

describe('routeCable', () => {
  it('keeps the bezier when nothing is in the way', () => {
    expect(routeCable({ x: 0, y: 0 }, { x: 300, y: 100 }, [box('far', 0, 500)])).toEqual({ kind: 'bezier' });
  });

  it('goes around a module in the middle column along the nearest free row', () => {
    // Output at (100, 30), input at (500, 30); a module at x 250..350, y 0..60 sits on the line.
    const from = { x: 100, y: 30 };
    const to = { x: 500, y: 30 };
    const middle = box('middle', 250, 0);
    expect(boxesCrossed(bezierPoints(from, to), [middle])).toEqual([middle]);
    const route = routeCable(from, to, [middle]);
    // Rows tried: 30 (blocked), -12 (cost 84) and 72 (cost 84): the smaller y wins the tie.
    expect(route).toEqual({
      kind: 'lanes',
      points: [from, { x: 118, y: 30 }, { x: 118, y: -12 }, { x: 482, y: -12 }, { x: 482, y: 30 }, to],
    });
  });

  it('picks a row that clears a stack of modules, not just the first', () => {
    const from = { x: 100, y: 30 };
    const to = { x: 500, y: 30 };
    const stack = [box('a', 250, -100, 100, 90), box('b', 250, 0)];
    const route = routeCable(from, to, stack);
    expect(route.kind).toBe('lanes');
    if (route.kind === 'lanes') {
      expect(boxesCrossed(route.points, stack)).toEqual([]);
      expect(route.points[2].y).toBe(72);
    }
  });

  it('draws lanes with rounded corners', () => {
    expect(
      lanePath([
        { x: 0, y: 0 },
        { x: 20, y: 0 },
        { x: 20, y: 40 },
      ]),
    ).toBe('M 0,0 L 12,0 Q 20,0 20,8 L 20,40');
  });
});

// Every shipped example, laid out as the canvas sizes its modules before measuring them.
const patchesDir = join(import.meta.dirname, '..', '..', '..', 'patches');
const catalog = new Map<string, CatalogEntry>(
  createBuiltinRegistry()
    .catalog()
    .map((e) => [e.type, e]),
);

function shipped(): { file: string; patch: Patch }[] {
  return readdirSync(patchesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = parsePatchJson(readFileSync(join(patchesDir, file), 'utf8'));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.problems[0].message}`);
      return { file, patch: parsed.patch };
    });
}

function boxesOf(patch: Patch): Map<string, ModuleBox> {
  const nodes: BoxSourceNode[] = patch.modules.map((module) => ({
    id: module.id,
    measured: {},
    internals: { positionAbsolute: module.position },
    data: { module: { type: module.type }, entry: catalog.get(module.type) },
  }));
  return moduleBoxes(nodes);
}

/** Each cable's drawn polyline and the module boxes it passes through, by module id. */
function cablesUnderModules(patch: Patch, routed = true): string[] {
  const boxes = boxesOf(patch);
  const found: string[] = [];
  for (const cable of patch.cables) {
    const source = boxes.get(cable.from.module)!;
    const target = boxes.get(cable.to.module)!;
    const out = source.outputs.get(cable.from.port)!;
    const into = target.inputs.get(cable.to.port)!;
    const from: Point = { x: source.x + out.x, y: source.y + out.y };
    const to: Point = { x: target.x + into.x, y: target.y + into.y };
    const others = [...boxes.values()].filter((b) => b.id !== source.id && b.id !== target.id);
    const route = routed ? routeCable(from, to, others) : ({ kind: 'bezier' } as const);
    const points = route.kind === 'bezier' ? bezierPoints(from, to) : route.points;
    for (const crossed of boxesCrossed(points, others))
      found.push(
        `${cable.from.module}.${cable.from.port} -> ${cable.to.module}.${cable.to.port} under ${crossed.id}`,
      );
  }
  return found;
}

function laidOut(patch: Patch): Patch {
  const boxes = boxesOf(patch);
  return applyEdits(
    patch,
    layoutEdits(patch, (id) => boxes.get(id)),
  );
}

describe('shipped examples: no cable under a module', () => {
  const examples = shipped();

  it('finds the examples, and their plain beziers do pass under modules (the bug)', () => {
    expect(examples.map((e) => e.file)).toContain('ema-cross-rsi.json');
    const unrouted = examples.flatMap((e) => [
      ...cablesUnderModules(e.patch, false),
      ...cablesUnderModules(laidOut(e.patch), false),
    ]);
    expect(unrouted.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [e.file, e.patch] as const))('%s as shipped', (_file, patch) => {
    expect(cablesUnderModules(patch)).toEqual([]);
  });

  it.each(examples.map((e) => [e.file, e.patch] as const))('%s after auto layout', (_file, patch) => {
    expect(cablesUnderModules(laidOut(patch))).toEqual([]);
  });
});
