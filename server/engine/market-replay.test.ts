import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { patchOf } from '@patchdesk/modules/kernel/test-patches';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { mergeMarketEvents } from '@patchdesk/modules/sdk/market-event-order';
import type { MarketFeedEvent } from '@patchdesk/modules/sdk/market-feed-writer';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { MarketReplay } from './market-replay';
import { Run } from './run';

const registry = createBuiltinRegistry();
const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const binance = { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' };

const trade = (
  stream: typeof okx,
  exchangeTimeMs: number,
  price: number,
  amount: number,
  side: 'buy' | 'sell',
) => ({ ...stream, exchangeTimeMs, kind: 'trade', price, amount, side }) as const satisfies MarketFeedEvent;

describe('MarketReplay', () => {
  it('delivers each event at the first tick at or after its time, and counts events for other streams', () => {
    const feed = createMarketFeed([okx]);
    const events = mergeMarketEvents<MarketFeedEvent>([
      [trade(okx, 30, 100, 1, 'buy'), trade(okx, 100, 101, 2, 'sell'), trade(okx, 150, 102, 1, 'buy')],
      [trade(binance, 100, 5, 5, 'buy')],
    ]);
    const replay = new MarketReplay(feed, events, 100);
    expect(replay.nextEventMs()).toBe(100);
    replay.beforeTick(100);
    // 30 and 100 are due at tick 100 (binance's sorts first at 100, and is not in the feed).
    expect([
      feed.streams[0].tradeCount,
      feed.streams[0].tradeVolume,
      replay.delivered,
      replay.ignored,
    ]).toEqual([2, 3, 3, 1]);
    expect(replay.nextEventMs()).toBe(200);
    replay.beforeTick(200);
    expect([feed.streams[0].tradeCount, feed.streams[0].tradePrice, replay.finished]).toEqual([1, 102, true]);
    expect(replay.nextEventMs()).toBe(Infinity);
  });

  it('refuses events out of merge order', () => {
    const feed = createMarketFeed([okx]);
    expect(
      () => new MarketReplay(feed, [trade(okx, 200, 1, 1, 'buy'), trade(okx, 100, 1, 1, 'buy')], 100),
    ).toThrow(/event 1 .* comes before event 0/);
  });
});

describe('Run with market events', () => {
  const bars: Bar[] = [
    { timeMs: 0, open: 100, high: 101, low: 99, close: 100.5, volume: 10 },
    { timeMs: 60_000, open: 100.5, high: 102, low: 100, close: 101, volume: 12 },
  ];
  const patch = patchOf(
    [
      ['trades', 'sources/trades'],
      ['funding', 'sources/funding'],
      ['bars', 'sources/bars'],
    ],
    [],
  );
  const events = mergeMarketEvents<MarketFeedEvent>([
    [
      trade(okx, 10_050, 100, 2, 'buy'),
      trade(okx, 10_090, 99, 0.5, 'sell'),
      trade(okx, 70_000, 101, 1, 'buy'),
    ],
    [{ ...okx, exchangeTimeMs: 65_000, kind: 'funding', rate: 0.0001, nextFundingTimeMs: 28_800_000 }],
  ]);

  async function backtest() {
    const run = new Run({
      patch,
      registry,
      bars,
      pacing: { kind: 'virtual' },
      barIntervalMs: 60_000,
      market: new MarketReplay(createMarketFeed([okx]), events, 100),
    });
    const seen: string[] = [];
    run.events.on('tick', (timeMs, bar) => {
      const k = run.kernel;
      seen.push(
        `${timeMs} bar=${bar ? bar.close : '-'} buy=${k.read('trades.buyVolume')} sell=${k.read('trades.sellVolume')} ` +
          `vwap=${k.read('trades.vwap')} rate=${k.read('funding.rate')}`,
      );
    });
    const status = await run.start();
    return { status, seen };
  }

  it('ticks at the bars and at the market events, in time order, and feeds the market sources', async () => {
    const { status, seen } = await backtest();
    expect(status.state).toBe('stopped');
    // Tick 10,100 holds both early trades: (100 * 2 + 99 * 0.5) / 2.5 = 249.5 / 2.5 = 99.8.
    expect(seen).toEqual([
      '10100 bar=- buy=2 sell=0.5 vwap=99.8 rate=NaN',
      '60000 bar=100.5 buy=2 sell=0.5 vwap=99.8 rate=NaN',
      '65000 bar=- buy=2 sell=0.5 vwap=99.8 rate=0.0001',
      '70000 bar=- buy=1 sell=0 vwap=101 rate=0.0001',
      '120000 bar=101 buy=1 sell=0 vwap=101 rate=0.0001',
    ]);
    // Same input, same output.
    expect((await backtest()).seen).toEqual(seen);
  });

  it('refuses market events in a live run', () => {
    const market = new MarketReplay(createMarketFeed([okx]), events, 100);
    expect(() => new Run({ patch, registry, bars, pacing: { kind: 'live' }, market })).toThrow(
      /virtual runs/,
    );
  });
});
