import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarAggregator } from './bar-aggregator';
import type { OhlcvEvent, TradeEvent } from './events';
import { timeframeMs } from './timeframes';

function fixtureRows(name: string): string[][] {
  const text = gunzipSync(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))).toString('utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

function trade(timeMs: number, price: number, amount: number, side: 'buy' | 'sell' = 'buy'): TradeEvent {
  return {
    kind: 'trade',
    venue: 'binance',
    symbol: 'XRP/ETH',
    exchangeTimeMs: timeMs,
    receivedAtMs: timeMs + 5,
    tradeId: String(timeMs),
    price,
    amount,
    side,
    sideFrom: 'venue',
  };
}

describe('BarAggregator', () => {
  it("builds the venue's own 1-minute klines from its recorded trades, bar for bar", () => {
    const aggregator = new BarAggregator('binance', 'XRP/ETH', ['1m']);
    const bars: OhlcvEvent[] = [];
    for (const [timeMs, , side, price, amount] of fixtureRows('xrp-eth-trades-2019-10.csv.gz')) {
      aggregator.onTrade(trade(Number(timeMs), Number(price), Number(amount), side as 'buy' | 'sell'), bars);
    }
    aggregator.closeThrough(Number.MAX_SAFE_INTEGER, bars);
    const klines = fixtureRows('xrp-eth-1m-2019-10.csv.gz').map(([time, open, high, low, close, volume]) => ({
      openTimeMs: Date.parse(time),
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    }));
    expect(klines).toHaveLength(2_469);
    expect(
      bars.map(({ openTimeMs, open, high, low, close, volume }) => ({
        openTimeMs,
        open,
        high,
        low,
        close,
        volume,
      })),
    ).toEqual(klines);
    expect(aggregator.lateTrades).toBe(0);
  });

  it('emits a bar when a later trade arrives or the clock passes its end, and none for empty intervals', () => {
    const aggregator = new BarAggregator('v', 's', ['1m']);
    const out: OhlcvEvent[] = [];
    aggregator.onTrade(trade(60_000, 10, 1), out);
    aggregator.onTrade(trade(61_000, 12, 2), out);
    aggregator.onTrade(trade(119_999, 9, 3), out);
    expect(out).toEqual([]);
    aggregator.onTrade(trade(300_000, 11, 1), out); // three empty minutes between
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      openTimeMs: 60_000,
      open: 10,
      high: 12,
      low: 9,
      close: 9,
      volume: 6,
      closed: true,
    });
    aggregator.closeThrough(359_999, out);
    expect(out).toHaveLength(1);
    aggregator.closeThrough(360_000, out);
    expect(out[1]).toMatchObject({ openTimeMs: 300_000, open: 11, high: 11, low: 11, close: 11, volume: 1 });
  });

  it('drops and counts a trade older than the open interval', () => {
    const aggregator = new BarAggregator('v', 's', ['1m', '5m']);
    const out: OhlcvEvent[] = [];
    aggregator.onTrade(trade(120_000, 10, 1), out);
    aggregator.onTrade(trade(119_000, 99, 1), out);
    aggregator.closeThrough(Number.MAX_SAFE_INTEGER, out);
    expect(aggregator.lateTrades).toBe(1);
    expect(out.map((bar) => bar.high)).toEqual([10, 10]);
  });

  it('longer bars are exactly the aggregation of shorter ones (property)', () => {
    const trades = fc
      .array(
        fc.record({
          gapMs: fc.integer({ min: 0, max: 400_000 }),
          price: fc.integer({ min: 1, max: 1000 }),
          amount: fc.integer({ min: 0, max: 50 }),
        }),
        {
          minLength: 1,
          maxLength: 300,
        },
      )
      .map((steps) => {
        let timeMs = 1_600_000_000_000;
        return steps.map((step) => trade((timeMs += step.gapMs), step.price, step.amount));
      });
    fc.assert(
      fc.property(trades, (list) => {
        const aggregator = new BarAggregator('v', 's', ['1s', '1m', '5m', '15m', '1h', '4h', '1d']);
        const out: OhlcvEvent[] = [];
        for (const t of list) aggregator.onTrade(t, out);
        aggregator.closeThrough(Number.MAX_SAFE_INTEGER, out);
        const seconds = out.filter((bar) => bar.timeframe === '1s');
        for (const bar of out.filter((b) => b.timeframe !== '1s')) {
          const inside = seconds.filter(
            (s) =>
              s.openTimeMs >= bar.openTimeMs && s.openTimeMs < bar.openTimeMs + timeframeMs[bar.timeframe],
          );
          expect(inside.length).toBeGreaterThan(0);
          expect(bar.open).toBe(inside[0].open);
          expect(bar.close).toBe(inside[inside.length - 1].close);
          expect(bar.high).toBe(Math.max(...inside.map((s) => s.high)));
          expect(bar.low).toBe(Math.min(...inside.map((s) => s.low)));
          expect(bar.volume).toBe(inside.reduce((sum, s) => sum + s.volume, 0));
        }
        expect(seconds.reduce((sum, s) => sum + s.volume, 0)).toBe(
          list.reduce((sum, t) => sum + t.amount, 0),
        );
      }),
      { seed: 21, numRuns: 100 },
    );
  });
});
