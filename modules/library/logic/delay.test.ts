import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { delay } from './delay';

describe('logic/delay', () => {
  it('has a latch, which is what lets the kernel close a cycle through it', () => {
    expect(typeof delay.latch).toBe('function');
  });

  it('latches at the end of a tick and asks to wake one tick interval later', () => {
    const harness = createModuleHarness(delay, {}, 250);
    expect(harness.latch({ in: 42 }, { timeMs: 1_000 })).toEqual([1_250]);
    const woken = harness.step({}, { timeMs: 1_250, changed: [] });
    expect(woken).toMatchObject({ emitted: true, outputs: { out: 42 } });
  });

  it('emits each latched value once, on the tick after it was latched', () => {
    const harness = createModuleHarness(delay);
    harness.latch({ in: 1 }, { timeMs: 0 });
    expect(harness.step({}, { timeMs: 100, changed: [] }).outputs.out).toBe(1);
    harness.latch({ in: 2 }, { timeMs: 100 });
    expect(harness.step({}, { timeMs: 200, changed: [] }).outputs.out).toBe(2);
    const idle = harness.step({}, { timeMs: 300, changed: [] });
    expect(idle.emitted).toBe(false);
    expect(idle.outputs.out).toBe(2);
  });

  it('keeps the newest value when the input emits again before the wake-up', () => {
    const harness = createModuleHarness(delay, {}, 100);
    harness.latch({ in: 5 }, { timeMs: 0 });
    harness.latch({ in: 6 }, { timeMs: 50 });
    expect(harness.step({}, { timeMs: 100, changed: [] }).outputs.out).toBe(6);
  });

  it('emits nothing and stays NaN before anything was latched', () => {
    const result = createModuleHarness(delay).step({}, { changed: [] });
    expect(result.emitted).toBe(false);
    expect(result.outputs.out).toBeNaN();
  });

  it('delays a NaN like any other value', () => {
    const harness = createModuleHarness(delay);
    harness.latch({ in: Number.NaN }, { timeMs: 0 });
    const woken = harness.step({}, { timeMs: 100, changed: [] });
    expect(woken.emitted).toBe(true);
    expect(woken.outputs.out).toBeNaN();
  });
});

describe('logic/delay with an initial value', () => {
  it('emits `initial` on its first step when emitInitial is on, then the latched values', () => {
    const harness = createModuleHarness(delay, { emitInitial: true, initial: 2.5 });
    expect(harness.step({}, { timeMs: 0, changed: [] })).toMatchObject({
      emitted: true,
      outputs: { out: 2.5 },
    });
    expect(harness.step({}, { timeMs: 100, changed: [] }).emitted).toBe(false);
    harness.latch({ in: 7 }, { timeMs: 100 });
    expect(harness.step({}, { timeMs: 200, changed: [] })).toMatchObject({
      emitted: true,
      outputs: { out: 7 },
    });
  });

  it('emits 0 when emitInitial is on and initial is left at its default', () => {
    const harness = createModuleHarness(delay, { emitInitial: true });
    expect(harness.step({}, { changed: [] })).toMatchObject({ emitted: true, outputs: { out: 0 } });
  });

  it('ignores `initial` while emitInitial is off', () => {
    const result = createModuleHarness(delay, { initial: 4 }).step({}, { changed: [] });
    expect(result.emitted).toBe(false);
    expect(result.outputs.out).toBeNaN();
  });

  it('lets a value latched in the first tick follow the initial one', () => {
    const harness = createModuleHarness(delay, { emitInitial: true, initial: -1 });
    expect(harness.step({}, { timeMs: 0, changed: [] }).outputs.out).toBe(-1);
    expect(harness.latch({ in: 3 }, { timeMs: 0 })).toEqual([100]);
    expect(harness.step({}, { timeMs: 100, changed: [] }).outputs.out).toBe(3);
  });
});
