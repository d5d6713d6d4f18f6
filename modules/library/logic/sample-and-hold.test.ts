import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { sampleAndHold } from './sample-and-hold';

describe('logic/sample-and-hold', () => {
  it('samples the current input when the trigger emits true', () => {
    const harness = createModuleHarness(sampleAndHold);
    expect(harness.step({ in: 100, trigger: true })).toMatchObject({ emitted: true, outputs: { out: 100 } });
  });

  it('holds (emits nothing) while only the input moves, even with the trigger still true', () => {
    const harness = createModuleHarness(sampleAndHold);
    harness.step({ in: 100, trigger: true });
    const moved = harness.step({ in: 105 }, { changed: ['in'] });
    expect(moved.emitted).toBe(false);
    expect(moved.outputs.out).toBe(100);
  });

  it('emits nothing when the trigger emits false', () => {
    const harness = createModuleHarness(sampleAndHold);
    harness.step({ in: 100, trigger: true });
    const off = harness.step({ in: 110, trigger: false });
    expect(off.emitted).toBe(false);
    expect(off.outputs.out).toBe(100);
  });

  it('samples again on the next true trigger, with the latest input', () => {
    const harness = createModuleHarness(sampleAndHold);
    harness.step({ in: 100, trigger: true });
    harness.step({ in: 101 }, { changed: ['in'] });
    harness.step({ in: 102 }, { changed: ['in'] });
    expect(harness.step({ trigger: true }, { changed: ['trigger'] }).outputs.out).toBe(102);
  });

  it('is NaN before the first trigger and samples a NaN input as NaN', () => {
    const harness = createModuleHarness(sampleAndHold);
    const before = harness.step({ in: 5 }, { changed: ['in'] });
    expect(before.emitted).toBe(false);
    expect(before.outputs.out).toBeNaN();
    const sampled = harness.step({ in: Number.NaN, trigger: true });
    expect(sampled.emitted).toBe(true);
    expect(sampled.outputs.out).toBeNaN();
  });
});
