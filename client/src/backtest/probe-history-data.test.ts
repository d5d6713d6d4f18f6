import { describe, expect, it } from 'vitest';
import type { BacktestProbeHistory } from '@patchdesk/modules/contracts/backtest';
import { pointAtOrBefore, probeHistoryData, probesAt } from './probe-history-data';

const history: BacktestProbeHistory = {
  ports: ['bars.close', 'up.out'],
  stride: 2,
  timeMs: [0, 120_000, 240_000],
  values: [
    [100, 102, 99],
    [null, 1, 0],
  ],
};

describe('probe history data', () => {
  it('gives one probe in seconds, nulls for a port it does not hold', () => {
    expect(probeHistoryData(history, 'up.out')).toEqual([
      [0, 120, 240],
      [null, 1, 0],
    ]);
    expect(probeHistoryData(history, 'gone.out')).toEqual([
      [0, 120, 240],
      [null, null, null],
    ]);
  });

  it('finds the last kept point at or before a time', () => {
    expect(pointAtOrBefore(history.timeMs, -1)).toBe(-1);
    expect(pointAtOrBefore(history.timeMs, 0)).toBe(0);
    expect(pointAtOrBefore(history.timeMs, 119_999)).toBe(0);
    expect(pointAtOrBefore(history.timeMs, 120_000)).toBe(1);
    expect(pointAtOrBefore(history.timeMs, 1e9)).toBe(2);
    expect(pointAtOrBefore([], 5)).toBe(-1);
  });

  it('reads every probe at the cursor', () => {
    expect(probesAt(history, 150_000)).toEqual({
      timeMs: 120_000,
      values: [
        { port: 'bars.close', value: 102 },
        { port: 'up.out', value: 1 },
      ],
    });
    expect(probesAt(history, -5).timeMs).toBeNull();
  });
});
