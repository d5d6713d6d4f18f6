import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { compare } from './compare';

// a against b at below, equal and above, as 1 (true) / 0 (false).
const a = [1, 2, 3];
const b = [2, 2, 2];

describe('math/compare', () => {
  it.each([
    ['>', [0, 0, 1]],
    ['<', [1, 0, 0]],
    ['>=', [0, 1, 1]],
    ['<=', [1, 1, 0]],
    ['==', [0, 1, 0]],
  ] as const)('%s gives the hand-worked truth table', (op, expected) => {
    expect(runSeries(compare, { op }, { a, b }).out).toEqual(expected);
  });

  it('defaults to >', () => {
    expect(runSeries(compare, {}, { a, b }).out).toEqual([0, 0, 1]);
  });

  it.each(['>', '<', '>=', '<=', '=='] as const)('%s is false whenever a side is NaN', (op) => {
    const { out } = runSeries(
      compare,
      { op },
      { a: [Number.NaN, 1, Number.NaN], b: [1, Number.NaN, Number.NaN] },
    );
    expect(out).toEqual([0, 0, 0]);
  });

  it('emits a bool output, false as well as true', () => {
    expect(compare.outputs.out.type).toBe('bool');
    expect(runSeries(compare, { op: '<' }, { a: [5], b: [1] }).out).toEqual([0]);
  });
});
