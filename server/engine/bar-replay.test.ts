import { describe, expect, it } from 'vitest';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { barColumnsFrom, sliceBarColumns } from '../market/bar-columns';
import { BarReplay, StreamedBarReplay, inferBarIntervalMs, type BarReplayOptions } from './bar-replay';

const bar = (timeMs: number, close = 1): Bar => ({
  timeMs,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

const replayOf = (bars: Bar[], options: BarReplayOptions) => new BarReplay(barColumnsFrom(bars), options);

describe('BarReplay', () => {
  it('delivers each bar at its close time aligned up to the grid', () => {
    const replay = replayOf([bar(0), bar(60_000), bar(180_000)], { tickIntervalMs: 100 });
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
    const replay = replayOf([bar(1_000), bar(1_020), bar(1_040)], {
      tickIntervalMs: 100,
      barIntervalMs: 20,
    });
    expect([0, 1, 2].map((ahead) => replay.deliveryTimeMs(ahead))).toEqual([1_100, 1_200, 1_300]);
  });

  it('loops with each lap shifted by the span of the data', () => {
    const replay = replayOf([bar(0, 1), bar(60_000, 2)], { tickIntervalMs: 100, loop: true });
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
    expect(() => replayOf([bar(60_000), bar(0)], { tickIntervalMs: 100 })).toThrow('bar 1');
    const replay = replayOf([bar(0)], { tickIntervalMs: 100 });
    expect(() => replay.take(60_100)).toThrow('was due at 60000');
  });

  it('infers the interval from the smallest gap, so gaps in the data do not fool it', () => {
    expect(inferBarIntervalMs(barColumnsFrom([bar(0), bar(300_000), bar(360_000)]))).toBe(60_000);
    expect(inferBarIntervalMs(barColumnsFrom([bar(0)]))).toBe(60_000);
  });
});

describe('StreamedBarReplay', () => {
  /** 1-minute bars with a few gaps, and two bars closing within one tick of each other. */
  const bars = barColumnsFrom(
    [0, 1, 2, 5, 6, 7, 8, 20, 21, 22, 23, 24].map((minute, i) =>
      bar(minute * 60_000 + (i === 6 ? -30_000 : 0), i),
    ),
  );

  /** Every (delivery time, bar) the replay gives, driven as a run drives it. */
  function drain(replay: { nextEventMs(): number; take(timeMs: number): Bar | null }) {
    const seen: [number, number][] = [];
    for (let next = replay.nextEventMs(); next !== Infinity; next = replay.nextEventMs())
      seen.push([next, replay.take(next)!.close]);
    return seen;
  }

  it('delivers a sequence cut into chunks at the same times as the whole of it', () => {
    const whole = drain(new BarReplay(bars, { tickIntervalMs: 100, barIntervalMs: 60_000 }));
    for (const chunkBars of [1, 2, 5, 12]) {
      const streamed = new StreamedBarReplay({ tickIntervalMs: 100, barIntervalMs: 60_000 });
      const seen: [number, number][] = [];
      for (let start = 0; start < bars.length; start += chunkBars) {
        streamed.append(sliceBarColumns(bars, start, start + chunkBars));
        expect(streamed.finished).toBe(false);
        seen.push(...drain(streamed));
      }
      streamed.close();
      expect(streamed.finished).toBe(true);
      expect(seen, `chunks of ${chunkBars}`).toEqual(whole);
      expect(streamed.delivered).toBe(bars.length);
    }
  });

  it('infers the interval from the first chunk and stops at a later, shorter gap', () => {
    const streamed = new StreamedBarReplay({ tickIntervalMs: 100 });
    streamed.append(barColumnsFrom([bar(0), bar(300_000), bar(600_000)]));
    expect(streamed.barIntervalMs).toBe(300_000);
    drain(streamed);
    expect(() => streamed.append(barColumnsFrom([bar(900_000), bar(960_000)]))).toThrow(
      'bar 5 (1970-01-01T00:16:00.000Z) opens 60000 ms after the previous bar, less than the bar interval of 300000 ms found in the first 3 bars',
    );
  });

  it('refuses a chunk before the previous one is delivered, and bars out of order across chunks', () => {
    const streamed = new StreamedBarReplay({ tickIntervalMs: 100 });
    streamed.append(barColumnsFrom([bar(0), bar(60_000)]));
    expect(() => streamed.append(barColumnsFrom([bar(120_000)]))).toThrow('before the previous chunk');
    drain(streamed);
    expect(() => streamed.append(barColumnsFrom([bar(60_000)]))).toThrow(
      'bar 2 (time 60000) is not after bar 1',
    );
  });
});
