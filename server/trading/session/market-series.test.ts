import { describe, expect, it } from 'vitest';
import { MarketSeries } from './market-series';

function walk(series: MarketSeries, timeMs: number): string[] {
  const seen: string[] = [];
  series.upTo(timeMs, {
    mark: (atMs, price) => seen.push(`mark ${atMs} ${price}`),
    funding: (atMs, rate) => seen.push(`funding ${atMs} ${rate}`),
  });
  return seen;
}

describe('MarketSeries', () => {
  it('hands out each point once, in time order, the mark first at equal times', () => {
    const series = new MarketSeries(
      [
        { timeMs: 100, rate: 0.0001 },
        { timeMs: 300, rate: -0.0002 },
      ],
      [
        { timeMs: 100, price: 50_000 },
        { timeMs: 200, price: 50_500 },
      ],
    );
    expect(series.marksStarted).toBe(false);
    expect(walk(series, 99)).toEqual([]);
    expect(walk(series, 250)).toEqual(['mark 100 50000', 'funding 100 0.0001', 'mark 200 50500']);
    expect(series.marksStarted).toBe(true);
    expect(walk(series, 250)).toEqual([]);
    expect(walk(series, 300)).toEqual(['funding 300 -0.0002']);
  });

  it('has nothing to hand out without series', () => {
    const series = new MarketSeries();
    expect(walk(series, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(series.marksStarted).toBe(false);
  });
});
