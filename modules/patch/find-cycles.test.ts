import { describe, expect, it } from 'vitest';
import { findCycleProblems } from './find-cycles';
import { createTestRegistry } from './test-registry';
import type { Cable, Patch, PatchModule } from './types';

const registry = createTestRegistry();

function mod(id: string, type = 'math/add'): PatchModule {
  return { id, type, params: {}, position: { x: 0, y: 0 } };
}
function cable(from: string, to: string, toPort = 'a'): Cable {
  return { from: { module: from, port: 'value' }, to: { module: to, port: toPort } };
}
function patch(modules: PatchModule[], cables: Cable[]): Patch {
  return { schemaVersion: 1, name: 'test', description: '', modules, cables };
}
function chain(length: number, closed: boolean): Patch {
  const ids = Array.from({ length }, (_, i) => `m${i}`);
  const cables = ids.slice(1).map((id, i) => cable(ids[i], id));
  if (closed) cables.push(cable(ids[length - 1], ids[0]));
  return patch(
    ids.map((id) => mod(id)),
    cables,
  );
}

describe('findCycleProblems', () => {
  it('finds no cycle in a 20,000-module chain (no recursion, no stack overflow)', () => {
    expect(findCycleProblems(chain(20_000, false), registry)).toEqual([]);
  });

  it('reports a 20,000-module cycle with every module in order', () => {
    const problems = findCycleProblems(chain(20_000, true), registry);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem.cycle).toHaveLength(20_000);
    expect(problem.cycle?.[0]).toBe('m0');
    expect(problem.cycle?.[19_999]).toBe('m19999');
    expect(problem.cycle?.every((id, i) => id === `m${i}`)).toBe(true);
    expect(problem.location).toEqual({ moduleId: 'm0', cableIndex: 19_999 });
    expect(problem.message).toMatch(/^cycle: m0 -> m1 -> .* -> m19999 -> m0 \(20000 modules\);/);
  });

  it('does not count cables into a latch module, even on a long loop', () => {
    const p = chain(20_000, false);
    p.modules.push(mod('d', 'logic/delay'));
    p.cables.push({ from: { module: 'm19999', port: 'value' }, to: { module: 'd', port: 'input' } });
    p.cables.push(cable('d', 'm0'));
    expect(findCycleProblems(p, registry)).toEqual([]);
  });

  it('names the shortest cycle through the first module of a tangled group', () => {
    // a -> b -> c -> d -> a and b -> a: one group, the cycle named starts at a and is a -> b -> a.
    const p = patch(
      ['a', 'b', 'c', 'd'].map((id) => mod(id)),
      [cable('a', 'b'), cable('b', 'c'), cable('c', 'd'), cable('d', 'a'), cable('b', 'a', 'b')],
    );
    const problems = findCycleProblems(p, registry);
    expect(problems.map((problem) => problem.cycle)).toEqual([['a', 'b']]);
    expect(problems[0].location).toEqual({ moduleId: 'a', cableIndex: 4 });
  });

  it('reports separate groups in patch order, including self-loops, and ignores acyclic parts', () => {
    const p = patch(
      ['t', 'y', 'z', 'x', 'free'].map((id) => mod(id)),
      [cable('z', 'y'), cable('y', 'z'), cable('x', 'x'), cable('t', 'y', 'b'), cable('z', 'free')],
    );
    expect(findCycleProblems(p, registry).map((problem) => problem.cycle)).toEqual([['y', 'z'], ['x']]);
  });
});
