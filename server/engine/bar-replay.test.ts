import { describe, expect, it } from 'vitest';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { BarReplay, inferBarIntervalMs } from './bar-replay';

const bar = (timeMs: number, close = 1): Bar => ({
  timeMs,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

describe('BarReplay', () => {
  it('delivers each bar at its close time aligned up to the grid', () => {
    const replay = new BarReplay([bar(0), bar(60_000), bar(180_000)], { tickIntervalMs: 100 });
    expect(replay.barIntervalMs).toBe(60_000);
    expect(replay.nextEventMs()).toBe(60_000);
    expect(replay.take(59_900)).toBe(null);
    expect(replay.take(60_000)?.timeMs).toBe(0);
    expect(replay.deliveryTimeMs(1)).toBe(240_000);
    expect(replay.take(120_000)?.timeMs).toBe(60_000);
    expect(replay.take(240_000)?.timeMs).toBe(180_000);
    expect(replay.finished).toBe(true);
    expect(replay.nextEventMs()).toBe(Infinity);
  });

  it('puts bars that close within one tick on consecutive ticks, in order', () => {
    const replay = new BarReplay([bar(1_000), bar(1_020), bar(1_040)], {
      tickIntervalMs: 100,
      barIntervalMs: 20,
    });
    expect([0, 1, 2].map((ahead) => replay.deliveryTimeMs(ahead))).toEqual([1_100, 1_200, 1_300]);
  });

  it('loops with each lap shifted by the span of the data', () => {
    const replay = new BarReplay([bar(0, 1), bar(60_000, 2)], { tickIntervalMs: 100, loop: true });
    const taken = [60_000, 120_000, 180_000, 240_000].map((timeMs) => replay.take(timeMs));
    expect(taken.map((b) => [b?.timeMs, b?.close])).toEqual([
      [0, 1],
      [60_000, 2],
      [120_000, 1],
      [180_000, 2],
    ]);
    expect(replay.delivered).toBe(4);
    expect(replay.finished).toBe(false);
  });

  it('refuses bars out of order, and a tick that skipped a due bar', () => {
    expect(() => new BarReplay([bar(60_000), bar(0)], { tickIntervalMs: 100 })).toThrow('bar 1');
    const replay = new BarReplay([bar(0)], { tickIntervalMs: 100 });
    expect(() => replay.take(60_100)).toThrow('was due at 60000');
  });

  it('infers the interval from the smallest gap, so gaps in the data do not fool it', () => {
    expect(inferBarIntervalMs([bar(0), bar(300_000), bar(360_000)])).toBe(60_000);
    expect(inferBarIntervalMs([bar(0)])).toBe(60_000);
  });
});
