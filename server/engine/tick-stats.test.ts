import { describe, expect, it } from 'vitest';
import { TickStatsRecorder, latenessWindowTicks } from './tick-stats';

describe('TickStatsRecorder', () => {
  it('gives nearest-rank lateness percentiles, and the run-long maximum', () => {
    const recorder = new TickStatsRecorder();
    // 100 ticks, 0..99 ms late, recorded out of order: p50 is the 50th smallest (49), p99 the
    // 99th (98), max the largest (99).
    for (let i = 0; i < 100; i++) recorder.record(i * 100, 1, (i * 37) % 100, 0, false);
    expect(recorder.snapshot().latenessMs).toEqual({ p50: 49, p99: 98, max: 99 });
  });

  it('takes the percentiles over the latest window only, the maximum over the whole run', () => {
    const recorder = new TickStatsRecorder();
    recorder.record(0, 1, 500, 4, true);
    for (let i = 1; i <= latenessWindowTicks; i++) recorder.record(i * 100, 1, i % 2 === 0 ? 2 : 1, 0, false);
    const stats = recorder.snapshot();
    // the 500 ms tick has left the window: half the window is 1 ms late, half 2 ms
    expect(stats.latenessMs).toEqual({ p50: 1, p99: 2, max: 500 });
    expect(stats.maxLatenessMs).toBe(500);
    expect(stats.skippedTicks).toBe(4);
    expect(stats.overruns).toBe(1);
  });

  it('reports zeros before any tick and for batches, which have no slot times', () => {
    const recorder = new TickStatsRecorder();
    expect(recorder.snapshot().latenessMs).toEqual({ p50: 0, p99: 0, max: 0 });
    recorder.recordBatch(6_000, 60, 3);
    expect(recorder.snapshot()).toMatchObject({
      ticks: 60,
      skippedTicks: 0,
      latenessMs: { p50: 0, p99: 0, max: 0 },
    });
  });
});
