// The random 10,000-module patch of bench/kernel-random-patch.ts, built as a litegraph.js
// graph: the same shape (sources, add/multiply/mix and which upstream feeds each input), as
// nodes written the way litegraph's own math nodes are (getInputData / setOutputData in
// onExecute), so `graph.runStep()` does the arithmetic our kernel does in a tick.
//
// litegraph.js runs headless in Node 20 as it is: its build only touches `window`/`document`
// inside canvas code that LGraph never calls, so no global shim is needed here.
import { LGraph, LiteGraph } from 'litegraph.js';
import type { INodeOutputSlot, LGraphNode } from 'litegraph.js';
import type { Shape } from './kernel-random-patch.bench';

/** Node type names, under a prefix of our own so they cannot clash with litegraph's. */
const types = [
  'patchdesk-bench/ticker',
  'patchdesk-bench/add',
  'patchdesk-bench/multiply',
  'patchdesk-bench/mix',
];

// Written as litegraph's own nodes are: a constructor function whose prototype gets onExecute,
// which registerNodeType completes with LGraphNode's methods. Not `class extends LGraphNode`:
// measured here, such nodes end up with dictionary-mode properties in V8 (every property access
// a hash lookup), which made litegraph look 2-3x slower than it is.
interface BenchNode extends LGraphNode {
  count: number;
  weight: number;
}

type NodeConstructor = { new (): LGraphNode; prototype: { onExecute(this: BenchNode): void } };

function nodeType(inputs: readonly string[], onExecute: (this: BenchNode) => void): NodeConstructor {
  const constructor = function (this: BenchNode) {
    this.count = 0;
    this.weight = 0.5;
    for (const name of inputs) this.addInput(name, 'number');
    this.addOutput('value', 'number');
  } as unknown as NodeConstructor;
  constructor.prototype.onExecute = onExecute;
  return constructor;
}

const nodeClasses = [
  // Emits 1, 2, 3, ...: one count per step, as sources/ticker does when it wakes every tick.
  nodeType([], function () {
    this.setOutputData(0, ++this.count);
  }),
  nodeType(['a', 'b'], function () {
    this.setOutputData(0, (this.getInputData(0) as number) + (this.getInputData(1) as number));
  }),
  nodeType(['a', 'b'], function () {
    this.setOutputData(0, (this.getInputData(0) as number) * (this.getInputData(1) as number));
  }),
  // (a + b) * weight with weight 0.5, as math/mix's default.
  nodeType(['a', 'b'], function () {
    this.setOutputData(
      0,
      ((this.getInputData(0) as number) + (this.getInputData(1) as number)) * this.weight,
    );
  }),
];

let registered = false;

function registerNodeTypes(): void {
  if (registered) return;
  types.forEach((type, i) => LiteGraph.registerNodeType(type, nodeClasses[i]));
  registered = true;
}

export interface LitegraphSide {
  graph: LGraph;
  /** Nodes in module order: index i is module m{i} of the patch. */
  nodes: LGraphNode[];
}

/** The shape as an LGraph: `sourceCount` tickers, then one math node per shape entry. */
export function litegraphOf(shape: Shape, sourceCount: number): LitegraphSide {
  registerNodeTypes();
  // litegraph refuses graphs of more than 1,000 nodes by default (a guard against runaway
  // scripts, LiteGraph.MAX_NUMBER_OF_NODES); it is a setting, raised for this graph's size.
  LiteGraph.MAX_NUMBER_OF_NODES = Math.max(
    LiteGraph.MAX_NUMBER_OF_NODES,
    sourceCount + shape.operations.length,
  );
  const graph = new LGraph();
  const nodes: LGraphNode[] = [];
  // Every connect() re-sorts the whole graph (connectionChange -> updateExecutionOrder): 20,000
  // cables on 10,000 nodes would take minutes to build. Sort once at the end instead; the
  // order runStep follows is the same one litegraph computes.
  const updateExecutionOrder = graph.updateExecutionOrder.bind(graph);
  graph.updateExecutionOrder = () => {};
  const add = (type: string) => {
    const node = LiteGraph.createNode(type);
    graph.add(node, true);
    nodes.push(node);
    return node;
  };
  for (let i = 0; i < sourceCount; i++) add(types[0]);
  shape.operations.forEach((operation, k) => {
    const node = add(types[1 + operation]);
    nodes[shape.a[k]].connect(0, node, 0);
    nodes[shape.b[k]].connect(0, node, 1);
  });
  graph.updateExecutionOrder = updateExecutionOrder;
  graph.updateExecutionOrder();
  return { graph, nodes };
}

/** A node's current output value (what its last step set). */
export function litegraphValue(node: LGraphNode): number {
  // litegraph keeps the last value set on the slot itself (`_data`, not in its typings).
  return (node.outputs[0] as INodeOutputSlot & { _data?: number })._data ?? Number.NaN;
}
