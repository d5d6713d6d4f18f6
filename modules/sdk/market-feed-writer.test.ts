import { describe, expect, it } from 'vitest';
import { bookLevelsMax, createMarketFeed } from './market-feed';
import { applyMarketEvent, startMarketTick, streamIndexOf } from './market-feed-writer';

const at = { venue: 'okx', symbol: 'BTC/USDT:USDT', exchangeTimeMs: 1_000 };

function twoStreams() {
  return createMarketFeed([
    { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
    { venue: 'okx', symbol: 'BTC/USDT:USDT' },
  ]);
}

describe('applyMarketEvent', () => {
  it('finds the stream by venue and symbol, and ignores streams the run does not read', () => {
    const feed = twoStreams();
    expect(streamIndexOf(feed, 'okx', 'BTC/USDT:USDT')).toBe(1);
    expect(
      applyMarketEvent(feed, {
        ...at,
        symbol: 'ETH/USDT:USDT',
        kind: 'mark',
        markPrice: 1,
        indexPrice: null,
      }),
    ).toBe(-1);
    expect(feed.changed).toBe(false);
    expect(feed.streams[1].version).toBe(0);
  });

  it('sorts a snapshot best first whatever its order, and applies deltas (size 0 removes)', () => {
    const feed = twoStreams();
    applyMarketEvent(feed, {
      ...at,
      kind: 'book',
      update: 'snapshot',
      sequence: 7,
      bids: [
        [99, 1],
        [100, 2],
        [99.5, 3],
      ],
      asks: [
        [101, 4],
        [100.5, 5],
      ],
    });
    const s = feed.streams[1];
    expect(Array.from(s.bidPrices.subarray(0, s.bidLevels))).toEqual([100, 99.5, 99]);
    expect(Array.from(s.bidSizes.subarray(0, s.bidLevels))).toEqual([2, 3, 1]);
    expect(Array.from(s.askPrices.subarray(0, s.askLevels))).toEqual([100.5, 101]);
    expect([s.bid, s.ask, s.bookSequence, s.bookVersion, feed.changed]).toEqual([100, 100.5, 7, 1, true]);
    applyMarketEvent(feed, {
      ...at,
      kind: 'book',
      update: 'delta',
      sequence: 8,
      bids: [
        [100, 0],
        [99.75, 6],
        [99, 9],
      ],
      asks: [
        [100.25, 1],
        [105, 0],
      ],
    });
    expect(Array.from(s.bidPrices.subarray(0, s.bidLevels))).toEqual([99.75, 99.5, 99]);
    expect(Array.from(s.bidSizes.subarray(0, s.bidLevels))).toEqual([6, 3, 9]);
    expect(Array.from(s.askPrices.subarray(0, s.askLevels))).toEqual([100.25, 100.5, 101]);
    expect([s.bid, s.ask, s.bookVersion]).toEqual([99.75, 100.25, 2]);
    // A new snapshot replaces everything.
    applyMarketEvent(feed, {
      ...at,
      kind: 'book',
      update: 'snapshot',
      sequence: 9,
      bids: [],
      asks: [[102, 1]],
    });
    expect([s.bidLevels, s.askLevels, s.bid, s.ask]).toEqual([0, 1, Number.NaN, 102]);
  });

  it(`keeps the best ${bookLevelsMax} levels a side and cuts off the far book`, () => {
    const feed = twoStreams();
    const bids = Array.from({ length: bookLevelsMax + 10 }, (_, i) => [1_000 - i, 1] as const);
    applyMarketEvent(feed, { ...at, kind: 'book', update: 'snapshot', sequence: 1, bids, asks: [] });
    const s = feed.streams[1];
    expect(s.bidLevels).toBe(bookLevelsMax);
    expect(s.bidPrices[bookLevelsMax - 1]).toBe(1_000 - (bookLevelsMax - 1));
    // A better level pushes the worst one out; a worse one than all kept is ignored.
    applyMarketEvent(feed, {
      ...at,
      kind: 'book',
      update: 'delta',
      sequence: 2,
      bids: [
        [1_001, 2],
        [1, 5],
      ],
      asks: [],
    });
    expect(s.bidLevels).toBe(bookLevelsMax);
    expect([s.bidPrices[0], s.bidPrices[bookLevelsMax - 1]]).toEqual([1_001, 1_000 - (bookLevelsMax - 2)]);
  });

  it("sums a tick's trades, and startMarketTick starts the next tick's from zero", () => {
    const feed = twoStreams();
    applyMarketEvent(feed, { ...at, kind: 'trade', price: 100, amount: 1.5, side: 'buy' });
    applyMarketEvent(feed, { ...at, kind: 'trade', price: 101, amount: 0.5, side: 'sell' });
    const s = feed.streams[1];
    expect([s.tradeCount, s.tradeVolume, s.buyVolume, s.sellVolume, s.tradeNotional]).toEqual([
      2, 2, 1.5, 0.5, 200.5,
    ]);
    expect([s.tradePrice, s.tradeAmount, s.tradeSide, s.last, s.tradeVersion]).toEqual([
      101, 0.5, -1, 101, 2,
    ]);
    startMarketTick(feed);
    expect([s.tradeCount, s.tradeVolume, s.buyVolume, s.sellVolume, s.tradeNotional]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect([s.tradePrice, s.tradeVersion]).toEqual([101, 2]);
  });

  it('writes mark, index, funding and open interest with their versions; null leaves NaN or the last index', () => {
    const feed = twoStreams();
    const s = feed.streams[0];
    const binance = { ...at, venue: 'binanceusdm', exchangeTimeMs: 2_000 };
    applyMarketEvent(feed, { ...binance, kind: 'mark', markPrice: 100.2, indexPrice: 100 });
    applyMarketEvent(feed, { ...binance, kind: 'mark', markPrice: 100.3, indexPrice: null });
    expect([s.markPrice, s.indexPrice, s.markVersion]).toEqual([100.3, 100, 2]);
    applyMarketEvent(feed, { ...binance, kind: 'funding', rate: 0.0001, nextFundingTimeMs: 28_800_000 });
    expect([s.fundingRate, s.nextFundingMs, s.fundingVersion]).toEqual([0.0001, 28_800_000, 1]);
    applyMarketEvent(feed, { ...binance, kind: 'funding', rate: -0.0002, nextFundingTimeMs: null });
    expect([s.fundingRate, s.nextFundingMs]).toEqual([-0.0002, Number.NaN]);
    applyMarketEvent(feed, { ...binance, kind: 'openInterest', amount: 1_234.5, value: null });
    expect([s.openInterest, s.openInterestValue, s.openInterestVersion]).toEqual([1_234.5, Number.NaN, 1]);
    applyMarketEvent(feed, { ...binance, kind: 'ticker', last: 100.25, bid: 100.2, ask: null });
    expect([s.last, s.bid, s.ask, s.version, s.updatedAtMs, s.stale]).toEqual([
      100.25,
      100.2,
      Number.NaN,
      6,
      2_000,
      false,
    ]);
    expect(feed.streams[1].version).toBe(0);
  });
});
