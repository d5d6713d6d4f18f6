import { describe, expect, it } from 'vitest';
import { protoKeyMark } from '../sdk/forbidden-keys';
import { forbiddenKeyProblems, formatKeyPath, isForbiddenKey } from './forbidden-keys';

describe('isForbiddenKey', () => {
  it('is true for exactly the three prototype traps', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) expect(isForbiddenKey(key), key).toBe(true);
    for (const key of ['proto', '__proto', 'Constructor', 'constructors', 'toString', '', 0, Symbol('x')]) {
      expect(isForbiddenKey(key), String(key)).toBe(false);
    }
  });
});

describe('forbiddenKeyProblems', () => {
  it('finds own keys that JSON.parse created, at any depth, with their paths', () => {
    const raw: unknown = JSON.parse(
      '{"a":{"__proto__":{"x":1}},"list":[{"ok":1},{"constructor":2}],"prototype":3,"deep":[[{"b":{"__proto__":null}}]]}',
    );
    const problems = forbiddenKeyProblems(raw, ['edits', 4]);
    expect(problems.map((problem) => problem.location.path)).toEqual([
      'edits[4].a.__proto__',
      'edits[4].list[1].constructor',
      'edits[4].prototype',
      'edits[4].deep[0][0].b.__proto__',
    ]);
    expect(problems.every((problem) => problem.code === 'FORBIDDEN_KEY')).toBe(true);
    expect(problems[0].message).toBe(
      'edits[4].a.__proto__: "__proto__" is not allowed as a key or name (it is reserved in JavaScript objects); rename it',
    );
  });

  it('finds nothing in clean values, primitives and inherited properties', () => {
    expect(forbiddenKeyProblems({ a: [1, 'constructor', { prototypes: true }], b: null })).toEqual([]);
    expect(forbiddenKeyProblems('__proto__')).toEqual([]);
    expect(forbiddenKeyProblems(Object.create({ constructor: 1 }))).toEqual([]);
  });

  it('stops after twenty, survives cycles, does not recurse and stops at the depth limit', () => {
    const many: Record<string, unknown>[] = Array.from({ length: 50 }, () => JSON.parse('{"__proto__":1}'));
    const problems = forbiddenKeyProblems(many);
    expect(problems).toHaveLength(21);
    expect(problems[20].message).toMatch(/and more keys like these/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(forbiddenKeyProblems(cyclic)).toEqual([]);
    let deep: unknown = JSON.parse('{"__proto__":1}');
    for (let i = 0; i < 10; i++) deep = [deep];
    expect(forbiddenKeyProblems(deep)).toHaveLength(1);
    expect(forbiddenKeyProblems(deep, [], 10)).toHaveLength(0);
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(forbiddenKeyProblems(deep)).toHaveLength(0); // no schema accepts such depth anyway
  });

  it('formats paths like schema paths', () => {
    expect(formatKeyPath(['modules', 3, 'params', 'period'])).toBe('modules[3].params.period');
    expect(formatKeyPath([0, 'a'])).toBe('[0].a');
  });
});

describe('forbiddenKeyProblems on decoded MessagePack', () => {
  it('reports a "__proto__" key the decoder marked instead of storing', () => {
    const decoded = { modules: [{ params: { [protoKeyMark]: 1, period: 3 } }] };
    expect(forbiddenKeyProblems(decoded).map((problem) => problem.location.path)).toEqual([
      'modules[0].params.__proto__',
    ]);
  });
});
