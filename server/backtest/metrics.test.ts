import { describe, expect, it } from 'vitest';
import { computeMetrics, dailyReturns, dayMs, drawdown, sharpeRatio, sortinoRatio } from './metrics';

const t0 = Date.UTC(2024, 0, 1);
const hour = 3_600_000;

describe('dailyReturns', () => {
  it('takes the last equity of each UTC day against the previous day, starting from the first bar', () => {
    // Day 1: 1000 -> 1010 (last bar); day 2: none (carried, 0 return); day 3: 1030.
    const curve = { timeMs: [t0, t0 + hour, t0 + 2 * dayMs + hour], equity: [1000, 1010, 1030] };
    const returns = dailyReturns(curve);
    expect(returns).toHaveLength(3);
    expect(returns[0]).toBeCloseTo(0.01, 15);
    expect(returns[1]).toBe(0);
    expect(returns[2]).toBeCloseTo(1030 / 1010 - 1, 15);
  });
});

describe('ratios, by hand', () => {
  // r = [0.01, -0.02, 0.03]; mean 0.00666..., sample variance ((0.00333)^2 + (-0.02667)^2 + (0.02333)^2)/2
  const r = [0.01, -0.02, 0.03];
  const m = 0.02 / 3;
  const variance = ((0.01 - m) ** 2 + (-0.02 - m) ** 2 + (0.03 - m) ** 2) / 2;

  it('Sharpe = mean / sample std x sqrt(365)', () => {
    expect(variance).toBeCloseTo(0.000633333, 9);
    expect(sharpeRatio(r)).toBeCloseTo((m / Math.sqrt(variance)) * Math.sqrt(365), 12);
    expect(sharpeRatio(r)).toBeCloseTo(5.0606, 3);
  });

  it('Sortino = mean / sqrt(sum(min(r,0)^2) / n) x sqrt(365)', () => {
    const downside = Math.sqrt(0.0004 / 3);
    expect(sortinoRatio(r)).toBeCloseTo((m / downside) * Math.sqrt(365), 12);
    expect(sortinoRatio(r)).toBeCloseTo(11.0303, 3);
  });

  it('a flat curve has no Sharpe (NaN, shown as null)', () => {
    expect(sharpeRatio([0, 0, 0])).toBeNaN();
  });
});

describe('drawdown', () => {
  it('finds the deepest fall from a peak and the longest time under water', () => {
    const time = [0, 1, 2, 3, 4, 5, 6];
    const equity = [100, 120, 90, 110, 125, 100, 124];
    // Deepest: 120 -> 90 = 25%. Under water: 120 at t1 regained at t4 (3); 125 at t4 not regained by t6 (2).
    expect(drawdown(time, equity)).toEqual({ maxDrawdown: 0.25, maxDrawdownDurationMs: 3 });
  });
});

describe('computeMetrics', () => {
  it('agrees with a hand computation on a small run', () => {
    const curve = {
      timeMs: [t0, t0 + dayMs, t0 + 2 * dayMs, t0 + 3 * dayMs],
      equity: [10_000, 10_100, 9_999, 10_200],
    };
    const metrics = computeMetrics({
      curve,
      trades: [{ pnl: 150 }, { pnl: -101 }, { pnl: 151 }],
      barsInMarket: 2,
      tradedNotional: 60_000,
      feesPaid: 12.5,
      fundingPaid: 3,
      fundingReceived: 1,
      liquidations: 0,
      closes: [100, 110, 99, 105],
    });
    expect(metrics.totalReturn).toBeCloseTo(0.02, 15);
    // 3 days = 3/365 years: CAGR = 1.02^(365/3) - 1.
    expect(metrics.cagr).toBeCloseTo(1.02 ** (365 / 3) - 1, 9);
    expect(metrics.maxDrawdown).toBeCloseTo(101 / 10_100, 15);
    expect(metrics.maxDrawdownDurationMs).toBe(2 * dayMs); // 10,100 on day 1, regained on day 3
    expect(metrics.winRate).toBeCloseTo(2 / 3, 15);
    expect(metrics.profitFactor).toBeCloseTo(301 / 101, 15);
    expect(metrics.expectancy).toBeCloseTo(200 / 3, 12);
    expect(metrics.averageWin).toBe(150.5);
    expect(metrics.averageLoss).toBe(-101);
    expect(metrics.exposure).toBe(0.5);
    expect(metrics.turnover).toBeCloseTo(60_000 / ((10_000 + 10_100 + 9_999 + 10_200) / 4), 12);
    expect(metrics.trades).toBe(3);
    expect(metrics.buyAndHoldReturn).toBeCloseTo(0.05, 15);
    expect(metrics.buyAndHoldMaxDrawdown).toBeCloseTo(0.1, 15);
    expect(metrics.calmar).toBeCloseTo(metrics.cagr / metrics.maxDrawdown, 12);
    // Daily returns: 0 (the first day closes at the first bar), 1%, 9999/10100-1, 10200/9999-1.
    const daily = [0, 0.01, 9_999 / 10_100 - 1, 10_200 / 9_999 - 1];
    const mean = daily.reduce((a, b) => a + b) / 4;
    const std = Math.sqrt(daily.reduce((a, r) => a + (r - mean) ** 2, 0) / 3);
    expect(metrics.volatility).toBeCloseTo(std * Math.sqrt(365), 12);
    expect(metrics.sharpe).toBeCloseTo((mean / std) * Math.sqrt(365), 12);
  });
});
