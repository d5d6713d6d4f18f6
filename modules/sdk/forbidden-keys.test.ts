import { describe, expect, it } from 'vitest';
import { describeForbiddenKey, findForbiddenKey, isForbiddenKey, protoKeyMark } from './forbidden-keys';

describe('findForbiddenKey', () => {
  it('finds an own __proto__ key as JSON.parse makes it, with its path', () => {
    const parsed: unknown = JSON.parse('[1, {"params": {"period": 3, "__proto__": {"x": 1}}}]');
    expect(findForbiddenKey(parsed)).toEqual({ key: '__proto__', path: [1, 'params'] });
  });

  it('finds constructor and prototype keys at any depth, and nothing in clean input', () => {
    expect(findForbiddenKey({ a: [{ b: { constructor: 1 } }] })).toEqual({
      key: 'constructor',
      path: ['a', 0, 'b'],
    });
    expect(findForbiddenKey({ prototype: null })).toEqual({ key: 'prototype', path: [] });
    expect(findForbiddenKey({ a: [1, 'constructor', { b: 'prototype' }], c: null })).toBeUndefined();
    expect(findForbiddenKey('__proto__')).toBeUndefined();
  });

  it('finds the mark a decoder leaves for a __proto__ map key', () => {
    const decoded: Record<string | symbol, unknown> = Object.create(null) as Record<string | symbol, unknown>;
    decoded[protoKeyMark] = 5;
    expect(findForbiddenKey({ args: [decoded] })).toEqual({ key: '__proto__', path: ['args', 0] });
  });

  it('walks input nested far deeper than the call stack allows', () => {
    let nested: unknown = { constructor: true };
    for (let depth = 0; depth < 200_000; depth++) nested = [nested];
    expect(findForbiddenKey(nested)?.key).toBe('constructor');
  });

  it('treats typed arrays and class instances as leaves', () => {
    class Holder {
      constructor(readonly prototype: number) {}
    }
    expect(findForbiddenKey([new Float64Array(3), new Holder(1), new Date(0)])).toBeUndefined();
  });

  it('words the refusal with the key and where it is', () => {
    expect(isForbiddenKey('constructor')).toBe(true);
    expect(isForbiddenKey('proto')).toBe(false);
    expect(describeForbiddenKey({ key: 'constructor', path: [0, 'module', 'params'] })).toMatch(
      /^the key 'constructor' \(at \[0\]\.module\.params\) is not allowed/,
    );
    expect(describeForbiddenKey({ key: '__proto__', path: ['params'] })).toBe(
      "the key '__proto__' (at params) is not allowed: the keys '__proto__', 'constructor', 'prototype' are refused in any input",
    );
  });
});
