import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { subtract } from './subtract';

describe('math/subtract', () => {
  it('computes a - b, not b - a', () => {
    const { out } = runSeries(subtract, {}, { a: [5, 1, -3, 100.5], b: [3, 4, -3, 0.5] });
    expect(out).toEqual([2, -3, 0, 100]);
  });

  it('gives NaN when either input is NaN', () => {
    const { out } = runSeries(subtract, {}, { a: [Number.NaN, 1], b: [1, Number.NaN] });
    expect(out).toEqual([Number.NaN, Number.NaN]);
  });

  it("emits when b alone changes, using a's held value", () => {
    const harness = createModuleHarness(subtract);
    harness.step({ a: 10, b: 1 });
    expect(harness.step({ b: 4 })).toMatchObject({ emitted: true, outputs: { out: 6 } });
  });
});
