import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { multiply } from './multiply';

describe('math/multiply', () => {
  it('multiplies hand-worked pairs', () => {
    const { out } = runSeries(multiply, {}, { a: [2, -1.5, 0, 1e6], b: [3, 4, 123, 0.001] });
    expect(out).toEqual([6, -6, 0, 1000]);
  });

  it('gives NaN when either input is NaN', () => {
    const { out } = runSeries(multiply, {}, { a: [Number.NaN, 0], b: [0, Number.NaN] });
    expect(out).toEqual([Number.NaN, Number.NaN]);
  });

  it("emits when a alone changes, using b's held value", () => {
    const harness = createModuleHarness(multiply);
    harness.step({ a: 2, b: 5 });
    expect(harness.step({ a: 3 })).toMatchObject({ emitted: true, outputs: { out: 15 } });
  });
});
