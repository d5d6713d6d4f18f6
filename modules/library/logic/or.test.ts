import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { or } from './or';

describe('logic/or', () => {
  it('follows the truth table', () => {
    const { out } = runSeries(or, {}, { a: [false, false, true, true], b: [false, true, false, true] });
    expect(out).toEqual([0, 1, 1, 1]);
  });

  it("re-evaluates when one input emits, using the other's held value", () => {
    const harness = createModuleHarness(or);
    harness.step({ a: true, b: false });
    expect(harness.step({ a: false })).toMatchObject({ emitted: true, outputs: { out: false } });
    expect(harness.step({ b: true })).toMatchObject({ emitted: true, outputs: { out: true } });
  });
});
