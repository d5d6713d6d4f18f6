import { describe, expect, it } from 'vitest';
import { dayMs, hourlyBars, startMs } from './testing';
import { walkWindows, WalkWindowsError } from './walk-windows';

describe('walkWindows', () => {
  it('rolls in-sample then out-of-sample spans; the out-of-sample spans follow each other', () => {
    const windows = walkWindows(hourlyBars(10), 4 * dayMs, 2 * dayMs);
    expect(windows).toHaveLength(3);
    expect(windows[0]).toEqual({
      inSampleFrom: 0,
      inSampleTo: 96,
      outOfSampleTo: 144,
      inSampleFromMs: startMs,
      outOfSampleFromMs: startMs + 4 * dayMs,
      outOfSampleToMs: startMs + 6 * dayMs,
    });
    for (let i = 1; i < windows.length; i++) expect(windows[i].inSampleTo).toBe(windows[i - 1].outOfSampleTo);
    expect(windows[2].outOfSampleTo).toBe(240);
  });

  it('refuses data shorter than one window, and bad spans', () => {
    expect(() => walkWindows(hourlyBars(3), 4 * dayMs, dayMs)).toThrow(WalkWindowsError);
    expect(() => walkWindows(hourlyBars(3), 4 * dayMs, dayMs)).toThrow(
      /less than one in-sample plus out-of-sample/,
    );
    expect(() => walkWindows(hourlyBars(3), 0, dayMs)).toThrow(/must be positive/);
  });
});
