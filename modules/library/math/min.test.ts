import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { min } from './min';

describe('math/min', () => {
  it('takes the smaller of each pair, whichever side it is on', () => {
    const { out } = runSeries(min, {}, { a: [1, 5, -2, 3], b: [2, 4, -3, 3] });
    expect(out).toEqual([1, 4, -3, 3]);
  });

  it('gives NaN when either input is NaN rather than the other value', () => {
    const { out } = runSeries(min, {}, { a: [Number.NaN, 1], b: [1, Number.NaN] });
    expect(out).toEqual([Number.NaN, Number.NaN]);
  });

  it("emits when a alone changes, using b's held value", () => {
    const harness = createModuleHarness(min);
    harness.step({ a: 10, b: 5 });
    expect(harness.step({ a: 2 })).toMatchObject({ emitted: true, outputs: { out: 2 } });
  });
});
