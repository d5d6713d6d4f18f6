import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologicalOrder } from './topological-order';

/** Random edges that go forwards in a hidden random ranking of the nodes: a DAG. */
const dagArbitrary = fc
  .integer({ min: 1, max: 60 })
  .chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      rank: fc.shuffledSubarray([...Array(nodeCount).keys()], { minLength: nodeCount, maxLength: nodeCount }),
      pairs: fc.array(fc.tuple(fc.nat(nodeCount - 1), fc.nat(nodeCount - 1)), { maxLength: 200 }),
    }),
  )
  .map(({ nodeCount, rank, pairs }) => {
    const edges = pairs
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => (a < b ? [rank[a], rank[b]] : [rank[b], rank[a]]));
    return {
      nodeCount,
      from: Int32Array.from(edges, (edge) => edge[0]),
      to: Int32Array.from(edges, (edge) => edge[1]),
    };
  });

describe('topologicalOrder', () => {
  it('orders every node of a DAG with every edge going forwards', () => {
    fc.assert(
      fc.property(dagArbitrary, ({ nodeCount, from, to }) => {
        const { order, leftOver } = topologicalOrder(nodeCount, from, to);
        expect(leftOver).toEqual([]);
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(nodeCount).keys()]);
        const position = new Int32Array(nodeCount);
        order.forEach((node, index) => (position[node] = index));
        for (let e = 0; e < from.length; e++) expect(position[from[e]]).toBeLessThan(position[to[e]]);
      }),
    );
  });

  it('leaves the nodes on a cycle over', () => {
    fc.assert(
      fc.property(dagArbitrary, fc.nat(), ({ nodeCount, from, to }, i) => {
        if (from.length === 0) return;
        // Close a cycle: an edge back from the head of some edge to its tail.
        const edge = i % from.length;
        const { leftOver } = topologicalOrder(
          nodeCount,
          Int32Array.of(...from, to[edge]),
          Int32Array.of(...to, from[edge]),
        );
        expect(leftOver).toContain(from[edge]);
        expect(leftOver).toContain(to[edge]);
      }),
    );
  });

  it('keeps the given order among independent nodes', () => {
    const { order } = topologicalOrder(4, Int32Array.of(3), Int32Array.of(0));
    expect([...order]).toEqual([1, 2, 3, 0]);
  });
});
