import { describe, expect, it } from 'vitest';
import type { Bar } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { bars } from './bars';

const firstBar: Bar = { timeMs: 60_000, open: 100, high: 104.5, low: 99.25, close: 103, volume: 12.5 };
const secondBar: Bar = { timeMs: 120_000, open: 103, high: 103.5, low: 98, close: 98.5, volume: 7 };

describe('sources/bars', () => {
  it('emits nothing on its first tick when no bar has arrived', () => {
    const harness = createModuleHarness(bars);
    const result = harness.step({});
    expect(result.emitted).toBe(false);
    expect(result.outputs.close).toBeNaN();
    expect(result.outputs.bar).toBeNull();
  });

  it('splits each delivered bar into its fields and passes the bar itself', () => {
    const harness = createModuleHarness(bars);
    const result = harness.step({}, { bar: firstBar });
    expect(result.emitted).toBe(true);
    expect(result.outputs).toEqual({
      open: 100,
      high: 104.5,
      low: 99.25,
      close: 103,
      volume: 12.5,
      bar: firstBar,
    });
    expect(result.outputs.bar).toBe(firstBar);
  });

  it('holds the last bar without emitting on ticks with no bar, then takes the next one', () => {
    const harness = createModuleHarness(bars);
    harness.step({}, { bar: firstBar });
    const idle = harness.step({});
    expect(idle.emitted).toBe(false);
    expect(idle.outputs.close).toBe(103);
    const next = harness.step({}, { bar: secondBar });
    expect(next.emitted).toBe(true);
    expect(next.outputs).toEqual({ open: 103, high: 103.5, low: 98, close: 98.5, volume: 7, bar: secondBar });
  });

  it('passes NaN fields through unchanged rather than inventing values', () => {
    const harness = createModuleHarness(bars);
    const result = harness.step({}, { bar: { ...firstBar, volume: Number.NaN } });
    expect(result.outputs.volume).toBeNaN();
    expect(result.outputs.close).toBe(103);
  });
});
