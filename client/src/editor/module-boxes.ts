// Where each module sits on the canvas and where its cables attach, read from React Flow's
// internal nodes. Only modules that have been on screen are measured (a large patch keeps the
// others out of the DOM), so an unmeasured module borrows the size and handle offsets of a
// measured module of the same type, or else an estimate from its port and param counts.

export interface Point {
  x: number;
  y: number;
}

/** A handle as React Flow measures it, relative to its node. */
export interface HandleBox {
  id?: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of React Flow's `InternalNode<ModuleFlowNode>` the overview reads. */
export interface BoxSourceNode {
  id: string;
  selected?: boolean;
  measured: { width?: number; height?: number };
  internals: {
    positionAbsolute: Point;
    handleBounds?: { source: readonly HandleBox[] | null; target: readonly HandleBox[] | null };
  };
  data: {
    module: { type: string };
    entry?: {
      category: string;
      inputs: readonly { name: string }[];
      outputs: readonly { name: string }[];
      params: readonly unknown[];
    };
  };
}

export interface ModuleBox {
  id: string;
  category: string | undefined;
  selected: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Cable end points by port name, relative to the box: outputs on the right, inputs on the left. */
  outputs: ReadonlyMap<string, Point>;
  inputs: ReadonlyMap<string, Point>;
}

interface Shape {
  width: number;
  height: number;
  outputs: ReadonlyMap<string, Point>;
  inputs: ReadonlyMap<string, Point>;
}

// Rough figures of a ModuleNode's layout (styles.css), used only until a module of the type is measured.
const estimatedWidthPx = 190;
const estimatedHeaderPx = 31;
const estimatedPortRowPx = 23;
const estimatedPortsPaddingPx = 6;
const estimatedParamRowPx = 21;
const estimatedParamsPaddingPx = 12;

function measuredShape(node: BoxSourceNode): Shape | undefined {
  const { width, height } = node.measured;
  const handles = node.internals.handleBounds;
  if (!width || !height || !handles) return undefined;
  // React Flow attaches a cable to the middle of the handle's outer edge.
  const ends = (boxes: readonly HandleBox[] | null, side: 'left' | 'right') =>
    new Map(
      (boxes ?? []).map((box) => [
        box.id ?? '',
        { x: side === 'right' ? box.x + box.width : box.x, y: box.y + box.height / 2 },
      ]),
    );
  return { width, height, outputs: ends(handles.source, 'right'), inputs: ends(handles.target, 'left') };
}

function estimatedShape(node: BoxSourceNode): Shape {
  const entry = node.data.entry;
  const inputs = entry?.inputs ?? [];
  const outputs = entry?.outputs ?? [];
  const rows = Math.max(1, inputs.length, outputs.length);
  const params = entry?.params.length ?? 0;
  const height =
    estimatedHeaderPx +
    2 * estimatedPortsPaddingPx +
    rows * estimatedPortRowPx +
    (params > 0 ? estimatedParamsPaddingPx + params * estimatedParamRowPx : 0);
  const rowMiddle = (index: number) =>
    estimatedHeaderPx + estimatedPortsPaddingPx + (index + 0.5) * estimatedPortRowPx;
  return {
    width: estimatedWidthPx,
    height,
    outputs: new Map(outputs.map((port, index) => [port.name, { x: estimatedWidthPx, y: rowMiddle(index) }])),
    inputs: new Map(inputs.map((port, index) => [port.name, { x: 0, y: rowMiddle(index) }])),
  };
}

export function moduleBoxes(nodes: readonly BoxSourceNode[]): Map<string, ModuleBox> {
  const shapeByType = new Map<string, Shape>();
  const measured = new Map<string, Shape>();
  for (const node of nodes) {
    const shape = measuredShape(node);
    if (!shape) continue;
    measured.set(node.id, shape);
    if (!shapeByType.has(node.data.module.type)) shapeByType.set(node.data.module.type, shape);
  }
  const boxes = new Map<string, ModuleBox>();
  for (const node of nodes) {
    const type = node.data.module.type;
    let shape = measured.get(node.id) ?? shapeByType.get(type);
    if (!shape) {
      shape = estimatedShape(node);
      shapeByType.set(type, shape);
    }
    const { x, y } = node.internals.positionAbsolute;
    boxes.set(node.id, {
      id: node.id,
      category: node.data.entry?.category,
      selected: node.selected === true,
      x,
      y,
      ...shape,
    });
  }
  return boxes;
}
