import { describe, expect, it } from 'vitest';
import { ProbeHistory, readablePorts } from './probe-history';
import { barsOf, levelCrossPatch, minuteMs, t0 } from './testing';
import { runBacktest } from './runner';

describe('ProbeHistory', () => {
  it('keeps the same bars as the display series, each port read only at a kept bar', () => {
    const history = new ProbeHistory(['a.out', 'b.out'], 8);
    const reads: number[] = [];
    let bar = 0;
    const read = (key: string): number => {
      reads.push(bar);
      return key === 'a.out' ? bar * 10 : -bar;
    };
    for (bar = 0; bar < 100; bar++) history.add(bar, read);
    const { timeMs, values, stride, ports } = history.columns();
    // capacity 8 over 100 bars: 1, 2, 4, 8, 16 -> every 16th bar (as DisplaySeries keeps).
    expect(stride).toBe(16);
    expect(ports).toEqual(['a.out', 'b.out']);
    expect(timeMs).toEqual([0, 16, 32, 48, 64, 80, 96]);
    expect(values[0]).toEqual([0, 160, 320, 480, 640, 800, 960]);
    expect(values[1]).toEqual([-0, -16, -32, -48, -64, -80, -96]);
    // Bars 0-7 at stride 1, then 10, 12, 14 at stride 2, ...: never every bar.
    expect(reads.length).toBeLessThan(2 * 2 * 8 * 5);
  });

  it('writes NaN as null and keeps no column for no port', () => {
    const history = new ProbeHistory(['a.out'], 4);
    history.add(1, () => Number.NaN);
    history.add(2, () => 3.5);
    expect(history.columns().values).toEqual([[null, 3.5]]);
    const none = new ProbeHistory([], 4);
    none.add(1, () => 1);
    expect(none.columns()).toEqual({ ports: [], stride: 1, timeMs: [1], values: [] });
  });

  it('drops ports it cannot read and duplicates', () => {
    const read = (key: string): number => {
      if (key === 'gone.out') throw new Error('no module gone');
      return 1;
    };
    expect(readablePorts(['a.out', 'gone.out', 'a.out', 'b.out'], read)).toEqual(['a.out', 'b.out']);
  });
});

describe('runBacktest probe history', () => {
  // Closes 100, 101, 99, 102, 103, 98, ... around a level of 100.5.
  const closes = [100, 101, 99, 102, 103, 98, 97, 104, 105, 100];
  const bars = barsOf(closes.map((close) => [close, close + 1, close - 1, close] as const));
  const patch = { ...levelCrossPatch(100.5, 1), view: { probes: ['bars.close', 'up.out', 'missing.out'] } };

  it('keeps the patch probes over every bar, at the display series times', async () => {
    const result = await runBacktest({ patch, bars });
    expect(result.probes.ports).toEqual(['bars.close', 'up.out']);
    expect(result.probes.timeMs).toEqual(closes.map((_, i) => t0 + i * minuteMs));
    expect(result.probes.timeMs).toEqual(result.series.timeMs);
    expect(result.probes.values[0]).toEqual(closes);
    // cross-over of close above 100.5, by hand: 100->101 (bar 1), 99->102 (bar 3), 97->104 (bar 7).
    expect(result.probes.values[1]).toEqual([0, 1, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('downsamples with the series and takes explicit ports', async () => {
    const result = await runBacktest({ patch, bars, displayPoints: 4, probes: ['bars.close'] });
    expect(result.probes.ports).toEqual(['bars.close']);
    expect(result.probes.stride).toBe(result.seriesStride);
    expect(result.probes.timeMs).toEqual(result.series.timeMs);
    // capacity 4 over 10 bars: stride 4, bars 0, 4, 8.
    expect(result.probes.values[0]).toEqual([100, 103, 105]);
  });
});
