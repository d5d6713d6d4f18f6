import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { add } from './add';

describe('math/add', () => {
  it('sums hand-worked pairs, including negatives and fractions', () => {
    const { out } = runSeries(add, {}, { a: [1, -2.5, 0.25, 1e9], b: [2, 2.5, 0.5, -1] });
    expect(out).toEqual([3, 0, 0.75, 999_999_999]);
  });

  it('gives NaN when either input is NaN, and for the unconnected default', () => {
    const { out } = runSeries(add, {}, { a: [Number.NaN, 1], b: [1, Number.NaN] });
    expect(out).toEqual([Number.NaN, Number.NaN]);
    expect(createModuleHarness(add).step({ a: 1 }).outputs.out).toBeNaN();
  });

  it("emits when one input changes, using the other input's held value", () => {
    const harness = createModuleHarness(add);
    harness.step({ a: 10, b: 1 });
    const result = harness.step({ a: 20 });
    expect(result).toMatchObject({ emitted: true, outputs: { out: 21 } });
  });
});
