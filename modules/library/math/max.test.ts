import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { max } from './max';

describe('math/max', () => {
  it('takes the larger of each pair, whichever side it is on', () => {
    const { out } = runSeries(max, {}, { a: [1, 5, -2, 3], b: [2, 4, -3, 3] });
    expect(out).toEqual([2, 5, -2, 3]);
  });

  it('gives NaN when either input is NaN rather than the other value', () => {
    const { out } = runSeries(max, {}, { a: [Number.NaN, 1], b: [1, Number.NaN] });
    expect(out).toEqual([Number.NaN, Number.NaN]);
  });

  it("emits when b alone changes, using a's held value", () => {
    const harness = createModuleHarness(max);
    harness.step({ a: 10, b: 5 });
    expect(harness.step({ b: 12 })).toMatchObject({ emitted: true, outputs: { out: 12 } });
  });
});
