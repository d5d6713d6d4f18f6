// Cycle detection over the module graph. A cable into a module whose definition has `latch`
// (logic/delay) does not order the tick, so it is the one legal way to close a feedback loop.
// Everything here is iterative over flat arrays: a patch may hold tens of thousands of modules
// in one chain, and a recursive search would overflow the stack on it.
import type { ModuleRegistry } from '../sdk/registry';
import { runToEnd, sliceEnds } from './sliced';
import type { Patch, Problem } from './types';

/** One CYCLE problem per strongly connected group of modules, naming one cycle through it. */
export function findCycleProblems(patch: Patch, registry: ModuleRegistry): Problem[] {
  return runToEnd(findCycleProblemsSteps(patch, registry));
}

/**
 * findCycleProblems in slices (see sliced.ts): yields while it builds the graph and during the
 * component search. The search on a cyclic component itself is not sliced: a patch with a
 * cycle is refused, and the search is linear in the component.
 */
export function* findCycleProblemsSteps(
  patch: Patch,
  registry: ModuleRegistry,
): Generator<void, Problem[], void> {
  const graph = yield* orderingGraph(patch, registry);
  const problems: Problem[] = [];
  const parent = new Int32Array(graph.ids.length).fill(-1);
  for (const component of yield* cyclicComponents(graph)) {
    const cycle = cycleThrough(graph, component, parent);
    problems.push({
      code: 'CYCLE',
      message:
        `cycle: ${renderCycle(cycle.map((node) => graph.ids[node]))}; ` +
        'a feedback loop must pass through a one-tick delay (a module that latches, such as logic/delay)',
      location: { moduleId: graph.ids[cycle[0]], cableIndex: lastCableOn(graph, cycle) },
      cycle: cycle.map((node) => graph.ids[node]),
    });
  }
  return problems;
}

/** Beyond this many modules a cycle's message elides the middle (the `cycle` field has them all). */
export const cycleIdsShownMax = 12;

/** `a -> b -> c -> a`, or `a -> b -> ... -> z -> a (40 modules)` for a long loop. */
function renderCycle(cycle: readonly string[]): string {
  if (cycle.length <= cycleIdsShownMax) return [...cycle, cycle[0]].join(' -> ');
  const head = cycle.slice(0, cycleIdsShownMax - 2);
  return `${[...head, '...', cycle[cycle.length - 1], cycle[0]].join(' -> ')} (${cycle.length} modules)`;
}

/**
 * Nodes are module ids numbered by first appearance in the patch (so node order is patch
 * order); node v's edges are outTarget[outStart[v] .. outStart[v + 1]), each labelled with the
 * index of its cable, in cable order.
 */
interface OrderingGraph {
  readonly ids: readonly string[];
  readonly outStart: Int32Array;
  readonly outTarget: Int32Array;
  readonly outCable: Int32Array;
}

function* orderingGraph(patch: Patch, registry: ModuleRegistry): Generator<void, OrderingGraph, void> {
  const nodeById = new Map<string, number>();
  const ids: string[] = [];
  const latched: boolean[] = [];
  for (let index = 0; index < patch.modules.length; index++) {
    if (sliceEnds(index)) yield;
    const module = patch.modules[index];
    let node = nodeById.get(module.id);
    if (node === undefined) {
      node = ids.push(module.id) - 1;
      nodeById.set(module.id, node);
      latched.push(false);
    }
    if (typeof registry.get(module.type)?.latch === 'function') latched[node] = true;
  }
  // Typed arrays sized for every cable, not growing JS arrays: less for the collector to copy
  // while a large hot patch is validated in slices.
  let from = new Int32Array(patch.cables.length);
  let to = new Int32Array(patch.cables.length);
  let cableOf = new Int32Array(patch.cables.length);
  let edges = 0;
  for (let index = 0; index < patch.cables.length; index++) {
    if (sliceEnds(index)) yield;
    const cable = patch.cables[index];
    const v = nodeById.get(cable.from.module);
    const w = nodeById.get(cable.to.module);
    if (v === undefined || w === undefined || latched[w]) continue;
    from[edges] = v;
    to[edges] = w;
    cableOf[edges++] = index;
  }
  from = from.subarray(0, edges);
  to = to.subarray(0, edges);
  cableOf = cableOf.subarray(0, edges);
  const outStart = new Int32Array(ids.length + 1);
  for (const v of from) outStart[v + 1]++;
  for (let v = 0; v < ids.length; v++) outStart[v + 1] += outStart[v];
  const fill = outStart.slice(0, ids.length);
  const outTarget = new Int32Array(from.length);
  const outCable = new Int32Array(from.length);
  from.forEach((v, e) => {
    outTarget[fill[v]] = to[e];
    outCable[fill[v]++] = cableOf[e];
  });
  return { ids, outStart, outTarget, outCable };
}

/**
 * Tarjan's strongly connected components with an explicit call stack. Returns the components
 * that hold a cycle (more than one node, or one node with a self-loop), each sorted by node,
 * the list sorted by first node.
 */
function* cyclicComponents(graph: OrderingGraph): Generator<void, Int32Array[], void> {
  const { outStart, outTarget } = graph;
  const nodeCount = graph.ids.length;
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  const callNode = new Int32Array(nodeCount);
  const callEdge = new Int32Array(nodeCount);
  let stackSize = 0;
  let callDepth = 0;
  let visited = 0;
  let visits = 0;
  const components: Int32Array[] = [];
  const enter = (v: number): void => {
    index[v] = low[v] = visited++;
    stack[stackSize++] = v;
    onStack[v] = 1;
    callNode[callDepth] = v;
    callEdge[callDepth++] = outStart[v];
  };
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (callDepth > 0) {
      // Each visit is constant work; counted across roots (a long chain is one search).
      if (sliceEnds(visits++)) yield;
      const v = callNode[callDepth - 1];
      const edge = callEdge[callDepth - 1];
      if (edge < outStart[v + 1]) {
        callEdge[callDepth - 1]++;
        const w = outTarget[edge];
        if (index[w] === -1) enter(w);
        else if (onStack[w] === 1) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      callDepth--;
      if (callDepth > 0) {
        const caller = callNode[callDepth - 1];
        low[caller] = Math.min(low[caller], low[v]);
      }
      if (low[v] !== index[v]) continue;
      let start = stackSize;
      do onStack[stack[--start]] = 0;
      while (stack[start] !== v);
      const component = stack.slice(start, stackSize).sort();
      stackSize = start;
      if (component.length > 1 || hasSelfLoop(graph, v)) components.push(component);
    }
  }
  return components.sort((a, b) => a[0] - b[0]);
}

function hasSelfLoop(graph: OrderingGraph, v: number): boolean {
  for (let edge = graph.outStart[v]; edge < graph.outStart[v + 1]; edge++) {
    if (graph.outTarget[edge] === v) return true;
  }
  return false;
}

/**
 * Shortest cycle from the component's first node back to itself, inside the component
 * (breadth first). `parent` is all -1 for the component's nodes; components are disjoint, so
 * one array serves every call.
 */
function cycleThrough(graph: OrderingGraph, component: Int32Array, parent: Int32Array): number[] {
  const start = component[0];
  const inComponent = new Set(component);
  const queue = new Int32Array(component.length);
  let tail = 0;
  queue[tail++] = start;
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let edge = graph.outStart[v]; edge < graph.outStart[v + 1]; edge++) {
      const w = graph.outTarget[edge];
      if (!inComponent.has(w)) continue;
      if (w === start) return pathTo(v, start, parent);
      if (parent[w] !== -1) continue;
      parent[w] = v;
      queue[tail++] = w;
    }
  }
  throw new Error(`cycle search: ${graph.ids[start]} is in a cyclic component but no cycle returns to it`);
}

function pathTo(last: number, start: number, parent: Int32Array): number[] {
  const path: number[] = [];
  for (let node = last; node !== start; node = parent[node]) path.push(node);
  path.push(start);
  return path.reverse();
}

/** The highest cable index among the cables that make up the cycle's edges. */
function lastCableOn(graph: OrderingGraph, cycle: readonly number[]): number {
  let last = -1;
  cycle.forEach((v, i) => {
    const w = cycle[(i + 1) % cycle.length];
    for (let edge = graph.outStart[v]; edge < graph.outStart[v + 1]; edge++) {
      if (graph.outTarget[edge] === w) last = Math.max(last, graph.outCable[edge]);
    }
  });
  return last;
}
