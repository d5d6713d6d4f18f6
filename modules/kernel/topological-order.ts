// Kahn's algorithm with an explicit queue over flat edge arrays: no recursion, deterministic
// (ties keep the order of the nodes as given).

export interface TopologicalOrder {
  /** Nodes in an order where every edge goes forwards. Shorter than nodeCount on a cycle. */
  readonly order: Int32Array;
  /** Nodes left over because they sit on or behind a cycle (empty when acyclic). */
  readonly leftOver: number[];
}

/** Edge e goes from node edgeFrom[e] to node edgeTo[e]. */
export function topologicalOrder(
  nodeCount: number,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
): TopologicalOrder {
  const edgeCount = edgeFrom.length;
  const inDegree = new Int32Array(nodeCount);
  const outStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    inDegree[edgeTo[e]]++;
    outStart[edgeFrom[e] + 1]++;
  }
  for (let node = 0; node < nodeCount; node++) outStart[node + 1] += outStart[node];
  const fill = outStart.slice(0, nodeCount);
  const outTargets = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) outTargets[fill[edgeFrom[e]]++] = edgeTo[e];

  const queue = new Int32Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (let node = 0; node < nodeCount; node++) if (inDegree[node] === 0) queue[tail++] = node;
  while (head < tail) {
    const node = queue[head++];
    for (let k = outStart[node]; k < outStart[node + 1]; k++) {
      const target = outTargets[k];
      if (--inDegree[target] === 0) queue[tail++] = target;
    }
  }
  const leftOver: number[] = [];
  for (let node = 0; node < nodeCount; node++) if (inDegree[node] > 0) leftOver.push(node);
  return { order: queue.slice(0, tail), leftOver };
}
