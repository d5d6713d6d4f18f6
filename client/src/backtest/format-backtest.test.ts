import { describe, expect, it } from 'vitest';
import { formatBarsDone, formatDuration, formatEta, resultLabel } from './format-backtest';

describe('format-backtest', () => {
  it('durations in their two largest units', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
    expect(formatDuration(-5 * 60_000)).toBe('-5 min');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('ETA and bars done', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(400)).toBe('under a second left');
    expect(formatEta(90_000)).toBe('1 min left');
    expect(formatBarsDone(1200, 4320)).toBe('1,200 / 4,320 bars');
  });

  it('two results of one patch on the same data get different labels', () => {
    const base = {
      name: 'ema-cross',
      data: { kind: 'sample', name: 'sample' },
      createdAtMs: Date.UTC(2026, 0, 2, 3, 4, 5),
    };
    const a = resultLabel({ ...base, id: 'aaaaaa-1' });
    const b = resultLabel({ ...base, id: 'bbbbbb-2' });
    expect(a).toBe('ema-cross · sample · 2026-01-02 03:04:05 · aaaaaa');
    expect(a).not.toBe(b);
  });
});
