import { describe, expect, it } from 'vitest';
import { compareMarketEvents, mergeMarketEvents } from './market-event-order';

const event = (exchangeTimeMs: number, venue: string, symbol: string, kind: string, id: string) => ({
  exchangeTimeMs,
  venue,
  symbol,
  kind,
  id,
});

describe('market event order', () => {
  it('orders by time, then venue, then symbol, then kind', () => {
    const a = event(5, 'okx', 'BTC', 'trade', 'a');
    expect(compareMarketEvents(event(4, 'okx', 'BTC', 'trade', ''), a)).toBeLessThan(0);
    expect(compareMarketEvents(event(5, 'bybit', 'BTC', 'trade', ''), a)).toBeLessThan(0);
    expect(compareMarketEvents(event(5, 'okx', 'ETH', 'trade', ''), a)).toBeGreaterThan(0);
    expect(compareMarketEvents(event(5, 'okx', 'BTC', 'book', ''), a)).toBeLessThan(0);
    expect(compareMarketEvents(event(5, 'okx', 'BTC', 'funding', ''), a)).toBeGreaterThan(0);
    expect(compareMarketEvents(event(5, 'okx', 'BTC', 'trade', 'b'), a)).toBe(0);
    // Code-unit order, not the locale's: upper case sorts before lower case.
    expect(compareMarketEvents(event(5, 'OKX', 'BTC', 'trade', ''), a)).toBeLessThan(0);
  });

  it('merges per-stream lists into one deterministic sequence; ties keep source order', () => {
    const okxTrades = [
      event(1, 'okx', 'BTC', 'trade', 'o1'),
      event(3, 'okx', 'BTC', 'trade', 'o2'),
      event(3, 'okx', 'BTC', 'trade', 'o3'),
    ];
    const okxMarks = [event(3, 'okx', 'BTC', 'mark', 'm1')];
    const binanceTrades = [
      event(2, 'binanceusdm', 'BTC', 'trade', 'b1'),
      event(3, 'binanceusdm', 'BTC', 'trade', 'b2'),
    ];
    const okxTradesLater = [event(3, 'okx', 'BTC', 'trade', 'o4')];
    const ids = (lists: readonly (readonly ReturnType<typeof event>[])[]) =>
      mergeMarketEvents(lists).map((e) => e.id);
    const want = ['o1', 'b1', 'b2', 'o2', 'o3', 'o4', 'm1'];
    expect(ids([okxTrades, okxMarks, binanceTrades, okxTradesLater])).toEqual(want);
    expect(ids([okxMarks, binanceTrades, okxTrades, okxTradesLater])).toEqual(want);
    // Between lists, an exact tie goes to the earlier list.
    expect(ids([okxTradesLater, okxTrades])).toEqual(['o1', 'o4', 'o2', 'o3']);
    expect(ids([])).toEqual([]);
  });

  it('refuses a list that goes back in time', () => {
    expect(() =>
      mergeMarketEvents([[event(2, 'okx', 'BTC', 'trade', ''), event(1, 'okx', 'BTC', 'trade', '')]]),
    ).toThrow(/list 0 goes back in time at event 1/);
  });
});
