// Cycle detection over the module graph. A cable into a module whose definition has `latch`
// (logic/delay) does not order the tick, so it is the one legal way to close a feedback loop.
import { Graph, alg } from '@dagrejs/graphlib';
import type { ModuleRegistry } from '../sdk/registry';
import type { Patch, Problem } from './types';

/** One CYCLE problem per strongly connected group of modules, naming one cycle through it. */
export function findCycleProblems(patch: Patch, registry: ModuleRegistry): Problem[] {
  const graph = orderingGraph(patch, registry);
  const order = new Map<string, number>();
  patch.modules.forEach((module, index) => {
    if (!order.has(module.id)) order.set(module.id, index);
  });
  const problems: Problem[] = [];
  const components = alg.findCycles(graph).map((component) => sortByPatchOrder(component, order));
  components.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
  for (const component of components) {
    const cycle = cycleThrough(graph, component[0], new Set(component));
    const closingCableIndex = lastCableOn(graph, cycle);
    problems.push({
      code: 'CYCLE',
      message:
        `cycle: ${renderCycle(cycle)}; ` +
        'a feedback loop must pass through a one-tick delay (a module that latches, such as logic/delay)',
      location: { moduleId: cycle[0], cableIndex: closingCableIndex },
      cycle,
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

/** Edge v -> w labelled with the highest cable index that orders w after v. */
function orderingGraph(patch: Patch, registry: ModuleRegistry): Graph {
  const graph = new Graph({ directed: true });
  const latched = new Set<string>();
  for (const module of patch.modules) {
    graph.setNode(module.id);
    if (typeof registry.get(module.type)?.latch === 'function') latched.add(module.id);
  }
  patch.cables.forEach((cable, index) => {
    const { module: v } = cable.from;
    const { module: w } = cable.to;
    if (!graph.hasNode(v) || !graph.hasNode(w) || latched.has(w)) return;
    graph.setEdge(v, w, index);
  });
  return graph;
}

function sortByPatchOrder(ids: string[], order: ReadonlyMap<string, number>): string[] {
  return [...ids].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** Shortest cycle from `start` back to itself inside its component (breadth first, no recursion). */
function cycleThrough(graph: Graph, start: string, component: ReadonlySet<string>): string[] {
  const parent = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const next of graph.successors(node) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) return pathTo(node, start, parent);
      if (parent.has(next)) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  throw new Error(`cycle search: ${start} is in a cyclic component but no cycle returns to it`);
}

function pathTo(last: string, start: string, parent: ReadonlyMap<string, string>): string[] {
  const path: string[] = [];
  for (let node = last; node !== start; node = parent.get(node)!) path.push(node);
  path.push(start);
  return path.reverse();
}

function lastCableOn(graph: Graph, cycle: readonly string[]): number {
  let last = -1;
  cycle.forEach((v, i) => {
    const index = graph.edge(v, cycle[(i + 1) % cycle.length]) as number;
    last = Math.max(last, index);
  });
  return last;
}
