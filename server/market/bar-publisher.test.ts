import { describe, expect, it } from 'vitest';
import { BarPublisher } from './bar-publisher';
import { InProcessBus } from './bus/in-process-bus';
import type { MarketEvent, OhlcvEvent, TradeEvent } from './events';

const trade = (timeMs: number, price: number, amount: number, symbol = 'BTC/USDT:USDT'): TradeEvent => ({
  kind: 'trade',
  venue: 'binanceusdm',
  symbol,
  exchangeTimeMs: timeMs,
  receivedAtMs: timeMs + 5,
  tradeId: String(timeMs),
  price,
  amount,
  side: 'buy',
  sideFrom: 'venue',
});

describe('BarPublisher', () => {
  it('publishes a bar when a later trade closes it, and on the clock after the grace period', () => {
    const source = new InProcessBus();
    const target = new InProcessBus();
    const out: MarketEvent[] = [];
    target.subscribe('test', (event) => out.push(event));
    let nowMs = 0;
    const publisher = new BarPublisher({
      source,
      target,
      timeframes: ['1s', '1m'],
      closeGraceMs: 500,
      tickMs: 60_000,
      now: () => nowMs,
    });
    // Second 60: 100 -> 103 -> 99, amounts 1 + 2 + 0.5; a trade in second 61 closes it.
    source.publish(trade(60_100, 100, 1));
    source.publish(trade(60_200, 103, 2));
    source.publish(trade(60_300, 99, 0.5));
    expect(out).toEqual([]);
    source.publish(trade(61_050, 101, 4));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'ohlcv',
      timeframe: '1s',
      openTimeMs: 60_000,
      open: 100,
      high: 103,
      low: 99,
      close: 99,
      volume: 3.5,
      closed: true,
      exchangeTimeMs: 60_300,
    });
    // The clock: second 61 ends at 62,000; with 500 ms of grace it closes at 62,500, not before.
    nowMs = 62_499;
    publisher.closeDue();
    expect(out).toHaveLength(1);
    nowMs = 62_500;
    publisher.closeDue();
    expect(out.map((e) => [(e as OhlcvEvent).timeframe, (e as OhlcvEvent).openTimeMs])).toEqual([
      ['1s', 60_000],
      ['1s', 61_000],
    ]);
    // The minute 60,000..120,000 closes at 120,500 with all four trades.
    nowMs = 120_500;
    publisher.closeDue();
    expect(out.at(-1)).toMatchObject({
      timeframe: '1m',
      open: 100,
      high: 103,
      low: 99,
      close: 101,
      volume: 7.5,
    });
    expect(publisher.barsPublished).toBe(3);
    // A trade older than the open interval is late: counted, no bar changes.
    source.publish(trade(61_500, 50, 1));
    source.publish(trade(130_000, 102, 1));
    source.publish(trade(61_600, 50, 1));
    expect(publisher.lateTrades).toBe(1);
    publisher.stop();
  });
});
