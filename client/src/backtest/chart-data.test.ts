import { describe, expect, it } from 'vitest';
import type { BacktestSeries } from '@patchdesk/modules/contracts/backtest';
import { comparedEquityData, drawdownData, equityData } from './chart-data';

const series = (timeMs: number[], equity: number[]): BacktestSeries => ({
  timeMs,
  equity,
  drawdown: equity.map(() => 0.1),
  close: equity,
  buyAndHold: equity,
});

describe('chart-data', () => {
  it('puts seconds on x and drawdown as a negative percentage', () => {
    const s = series([60_000, 120_000], [100, 110]);
    expect(equityData(s)).toEqual([
      [60, 120],
      [100, 110],
      [100, 110],
    ]);
    expect(drawdownData(s)[1]).toEqual([-10, -10]);
  });

  it('aligns two curves on the union of their times, null where one has no point', () => {
    const a = series([0, 60_000], [1, 2]);
    const b = series([60_000, 120_000], [3, 4]);
    expect(comparedEquityData(a, b)).toEqual([
      [0, 60, 120],
      [1, 2, null],
      [null, 3, 4],
    ]);
  });
});
