import { describe, expect, it } from 'vitest';
import { moduleBoxes } from './module-boxes';
import type { BoxSourceNode, HandleBox } from './module-boxes';

const ema = {
  category: 'indicators',
  inputs: [{ name: 'in' }],
  outputs: [{ name: 'out' }],
  params: [{}],
};
const bars = {
  category: 'sources',
  inputs: [],
  outputs: [{ name: 'open' }, { name: 'close' }],
  params: [],
};

function node(
  id: string,
  type: string,
  entry: BoxSourceNode['data']['entry'],
  at: { x: number; y: number },
  measured?: { width: number; height: number; source: HandleBox[]; target: HandleBox[] },
): BoxSourceNode {
  return {
    id,
    measured: measured ? { width: measured.width, height: measured.height } : {},
    internals: {
      positionAbsolute: at,
      handleBounds: measured ? { source: measured.source, target: measured.target } : undefined,
    },
    data: { module: { type }, entry },
  };
}

const measuredEma = {
  width: 200,
  height: 96,
  source: [{ id: 'out', x: 194, y: 40, width: 14, height: 14 }],
  target: [{ id: 'in', x: -8, y: 40, width: 14, height: 14 }],
};

describe('moduleBoxes', () => {
  it('places a measured module where React Flow measured it, cables at the handles outer edges', () => {
    const boxes = moduleBoxes([node('ema', 'indicators/ema', ema, { x: 300, y: -50 }, measuredEma)]);
    const box = boxes.get('ema')!;
    expect(box).toMatchObject({ x: 300, y: -50, width: 200, height: 96, category: 'indicators' });
    expect(box.outputs.get('out')).toEqual({ x: 208, y: 47 });
    expect(box.inputs.get('in')).toEqual({ x: -8, y: 47 });
  });

  it('gives a module never on screen the shape of a measured one of its type', () => {
    const boxes = moduleBoxes([
      node('far', 'indicators/ema', ema, { x: 0, y: 5000 }),
      node('near', 'indicators/ema', ema, { x: 0, y: 0 }, measuredEma),
    ]);
    const far = boxes.get('far')!;
    expect(far).toMatchObject({ x: 0, y: 5000, width: 200, height: 96 });
    expect(far.outputs.get('out')).toEqual({ x: 208, y: 47 });
  });

  it('estimates an unmeasured type from its ports and params, outputs right, inputs left, in order', () => {
    const oneRow = { ...ema, params: [] };
    const boxes = moduleBoxes([
      node('bars', 'sources/bars', bars, { x: 0, y: 0 }),
      node('ema', 'indicators/ema', ema, { x: 0, y: 0 }),
      node('abs', 'math/abs', oneRow, { x: 0, y: 0 }),
    ]);
    const source = boxes.get('bars')!;
    const indicator = boxes.get('ema')!;
    const bare = boxes.get('abs')!;
    expect(source.width).toBeGreaterThan(0);
    expect(source.outputs.get('open')!.x).toBe(source.width);
    expect(source.outputs.get('close')!.y).toBeGreaterThan(source.outputs.get('open')!.y);
    expect(source.outputs.get('close')!.y).toBeLessThan(source.height);
    expect(indicator.inputs.get('in')!.x).toBe(0);
    // A second port row, or a param, makes the box taller.
    expect(source.height).toBeGreaterThan(bare.height);
    expect(indicator.height).toBeGreaterThan(bare.height);
  });

  it('draws a module of an unknown type as a plain box without ports', () => {
    const box = moduleBoxes([node('lost', 'gone/away', undefined, { x: 10, y: 20 })]).get('lost')!;
    expect(box.category).toBeUndefined();
    expect(box.height).toBeGreaterThan(0);
    expect(box.outputs.size + box.inputs.size).toBe(0);
  });
});
