import { describe, expect, it } from 'vitest';
import { decodeExactJson, encodeExactJson } from './exact-json';

describe('exact JSON', () => {
  it('gives back NaN, both infinities, -0 and awkward doubles bit for bit', () => {
    const value = {
      a: [Number.NaN, Infinity, -Infinity, -0, 0, 0.1 + 0.2, 5e-324, Number.MAX_VALUE, -1.5e-300],
      nested: { sharpe: Number.NaN, text: 'x', none: null, flag: true },
    };
    const back = decodeExactJson<typeof value>(encodeExactJson(value));
    expect(back).toEqual(value);
    expect(Object.is(back.a[3], -0)).toBe(true);
    expect(Object.is(back.a[4], 0)).toBe(true);
    expect(back.a[5]).toBe(0.30000000000000004);
  });

  it('plain JSON would lose them (why this exists)', () => {
    expect(JSON.parse(JSON.stringify([Number.NaN, -0]))).toEqual([null, 0]);
  });

  it('leaves an ordinary object with the tag key and other keys alone', () => {
    const value = { $n: 'NaN', other: 1 };
    expect(decodeExactJson(encodeExactJson(value))).toEqual(value);
  });
});
