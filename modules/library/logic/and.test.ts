import { describe, expect, it } from 'vitest';
import { createModuleHarness, runSeries } from '../../sdk/testing';
import { and } from './and';

describe('logic/and', () => {
  it('follows the truth table', () => {
    const { out } = runSeries(and, {}, { a: [false, false, true, true], b: [false, true, false, true] });
    expect(out).toEqual([0, 0, 0, 1]);
  });

  it("re-evaluates when one input emits, using the other's held value", () => {
    const harness = createModuleHarness(and);
    harness.step({ a: true, b: false });
    expect(harness.step({ b: true })).toMatchObject({ emitted: true, outputs: { out: true } });
    expect(harness.step({ a: false })).toMatchObject({ emitted: true, outputs: { out: false } });
  });
});
