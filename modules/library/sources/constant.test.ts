import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { constant } from './constant';

describe('sources/constant', () => {
  it('emits its value on the first step only', () => {
    const harness = createModuleHarness(constant, { value: -2.5 });
    const first = harness.step({});
    expect(first).toMatchObject({ emitted: true, outputs: { out: -2.5 } });
    const second = harness.step({});
    expect(second.emitted).toBe(false);
    expect(second.outputs.out).toBe(-2.5);
  });

  it('uses the default of 0 when no value is given', () => {
    expect(createModuleHarness(constant).step({}).outputs.out).toBe(0);
  });

  it('emits again when re-created, as a param edit does', () => {
    createModuleHarness(constant, { value: 1 }).step({});
    const recreated = createModuleHarness(constant, { value: 7 });
    expect(recreated.step({})).toMatchObject({ emitted: true, outputs: { out: 7 } });
  });
});
