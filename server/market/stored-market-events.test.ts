import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { patchOf } from '@patchdesk/modules/kernel/test-patches';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { MarketReplay } from '../engine/market-replay';
import { Run } from '../engine/run';
import { storeTargets, targetRuns } from '../store/test-stores';
import type { MarketEvent } from './events';
import { addEventRow, emptyRows, writeMarketRows } from './market-rows';
import { MarketRecorder } from './recorder';
import { readStoredMarketEvents } from './stored-market-events';

const targets = storeTargets('stored_market_events');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const binance = { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' };

function trade(
  stream: typeof okx,
  t: number,
  id: string,
  price: number,
  amount: number,
  side: 'buy' | 'sell',
  receivedAtMs = t + 5,
): MarketEvent {
  return {
    ...stream,
    kind: 'trade',
    exchangeTimeMs: t,
    receivedAtMs,
    tradeId: id,
    price,
    amount,
    side,
    sideFrom: 'venue',
  };
}

function recorded(): MarketEvent[] {
  return [
    // Written out of order; at 1,000 the two okx trades are ordered by receive time, not id.
    trade(okx, 1_000, 'b', 100, 1, 'buy', 1_003),
    trade(okx, 1_000, 'a', 100.5, 2, 'sell', 1_009),
    trade(binance, 1_000, '7', 100.2, 3, 'buy'),
    trade(okx, 500, 'z', 99, 1, 'sell'),
    { ...okx, kind: 'mark', exchangeTimeMs: 1_000, receivedAtMs: 1_001, markPrice: 100.1, indexPrice: 100 },
    {
      ...okx,
      kind: 'funding',
      exchangeTimeMs: 1_200,
      receivedAtMs: 1_201,
      rate: 0.0001,
      nextFundingTimeMs: 28_800_000,
    },
    {
      ...okx,
      kind: 'book',
      exchangeTimeMs: 1_000,
      receivedAtMs: 1_001,
      update: 'snapshot',
      sequence: 42,
      previousSequence: null,
      bids: [
        [99.9, 4],
        [100, 2],
      ],
      asks: [[100.1, 1]],
    },
    trade(okx, 5_000, 'late', 101, 1, 'buy'), // outside [0, 5,000)
    trade({ venue: 'okx', symbol: 'ETH/USDT:USDT' }, 1_000, 'e', 3_000, 1, 'buy'), // not asked for
  ];
}

describe.each(targets)('readStoredMarketEvents on $name', (target) => {
  it.runIf(targetRuns(target))(
    'reads the streams of [from, to) merged in order, and feeds a backtest',
    async () => {
      const store = await target.open();
      const rows = emptyRows();
      for (const event of recorded()) addEventRow(rows, event);
      await writeMarketRows(store.db, rows);
      const events = await readStoredMarketEvents(store, [okx, binance], 0, 5_000);
      expect(events.map((e) => `${e.exchangeTimeMs} ${e.venue} ${e.kind}`)).toEqual([
        '500 okx trade',
        '1000 binanceusdm trade',
        '1000 okx book',
        '1000 okx trade',
        '1000 okx trade',
        '1000 okx mark',
        '1200 okx funding',
      ]);
      expect(events[2]).toMatchObject({
        update: 'snapshot',
        sequence: 42,
        bids: [[100, 2]],
        asks: [[100.1, 1]],
      });
      expect(events[3]).toMatchObject({ price: 100, amount: 1, side: 'buy' });
      expect(events[4]).toMatchObject({ price: 100.5, amount: 2, side: 'sell' });
      expect(events[5]).toMatchObject({ markPrice: 100.1, indexPrice: 100 });
      expect(events[6]).toMatchObject({ rate: 0.0001, nextFundingTimeMs: 28_800_000 });
      await expect(readStoredMarketEvents(store, [okx, binance], 0, 5_000, 6)).rejects.toThrow(
        /more than 6 stored events/,
      );

      // A backtest on that history: one bar, market sources fed from the store.
      const run = new Run({
        patch: patchOf([
          ['trades', 'sources/trades'],
          ['micro', 'sources/microprice'],
          ['mark', 'sources/mark-index'],
        ]),
        registry: createBuiltinRegistry(),
        bars: [{ timeMs: 0, open: 100, high: 101, low: 99, close: 100, volume: 1 }],
        barIntervalMs: 60_000,
        pacing: { kind: 'virtual' },
        market: new MarketReplay(createMarketFeed([okx, binance]), events, 100),
      });
      const atTick: string[] = [];
      run.events.on('tick', (timeMs) => {
        const k = run.kernel;
        atTick.push(
          `${timeMs}: vwap ${k.read('trades.vwap')} micro ${k.read('micro.out')} premium ${k.read('mark.premium')}`,
        );
      });
      expect((await run.start()).state).toBe('stopped');
      // Tick 1,000: okx trades (100 * 1 + 100.5 * 2) / 3 = 301 / 3; microprice (100 * 1 + 100.1 * 2) / 3.
      expect(atTick[0]).toBe('500: vwap 99 micro NaN premium NaN');
      expect(atTick[1]).toBe(
        `1000: vwap ${301 / 3} micro ${(100 * 1 + 100.1 * 2) / 3} premium ${(100.1 - 100) / 100}`,
      );
      expect(atTick.map((line) => line.split(':')[0])).toEqual(['500', '1000', '1200', '60000']);
      await store.close();
    },
  );

  it.runIf(targetRuns(target))(
    'reads recorded tickers and open interest back, and a backtest sees them',
    async () => {
      const store = await target.open();
      const recorder = await MarketRecorder.start(store);
      const stream = { venue: 'bybit', symbol: 'ETH/USDT:USDT' };
      const at = (t: number) => ({ ...stream, exchangeTimeMs: t, receivedAtMs: t + 4 });
      const recordedEvents: MarketEvent[] = [
        { ...at(2_000), kind: 'openInterest', amount: 120_500.5, value: null },
        {
          ...at(1_000),
          kind: 'ticker',
          last: 2_001.5,
          bid: 2_001.25,
          ask: 2_001.75,
          change24h: -0.02,
          baseVolume24h: 10,
          quoteVolume24h: 20_015,
        },
        { ...at(1_000), kind: 'openInterest', amount: 120_000, value: 240_180_000 },
        {
          ...at(1_500),
          kind: 'ticker',
          last: 2_002,
          bid: null,
          ask: null,
          change24h: null,
          baseVolume24h: null,
          quoteVolume24h: null,
        },
        {
          ...at(9_000),
          kind: 'ticker',
          last: 2_100,
          bid: null,
          ask: null,
          change24h: null,
          baseVolume24h: null,
          quoteVolume24h: null,
        }, // outside
      ];
      for (const event of recordedEvents) recorder.offer(event);
      await recorder.close();
      const events = await readStoredMarketEvents(store, [stream], 0, 5_000);
      expect(events).toEqual([
        { ...stream, kind: 'ticker', exchangeTimeMs: 1_000, last: 2_001.5, bid: 2_001.25, ask: 2_001.75 },
        { ...stream, kind: 'openInterest', exchangeTimeMs: 1_000, amount: 120_000, value: 240_180_000 },
        { ...stream, kind: 'ticker', exchangeTimeMs: 1_500, last: 2_002, bid: null, ask: null },
        { ...stream, kind: 'openInterest', exchangeTimeMs: 2_000, amount: 120_500.5, value: null },
      ]);

      const run = new Run({
        patch: patchOf([
          ['oi', 'sources/open-interest'],
          ['state', 'sources/market-state'],
        ]),
        registry: createBuiltinRegistry(),
        bars: [{ timeMs: 0, open: 100, high: 101, low: 99, close: 100, volume: 1 }],
        barIntervalMs: 60_000,
        pacing: { kind: 'virtual' },
        market: new MarketReplay(createMarketFeed([stream]), events, 100),
      });
      const atTick: string[] = [];
      run.events.on('tick', (timeMs) => {
        const k = run.kernel;
        atTick.push(
          `${timeMs}: oi ${k.read('oi.amount')} ${k.read('oi.value')} last ${k.read('state.last')} bid ${k.read('state.bid')}`,
        );
      });
      expect((await run.start()).state).toBe('stopped');
      expect(atTick.slice(0, 3)).toEqual([
        '1000: oi 120000 240180000 last 2001.5 bid 2001.25',
        // A ticker without a bid leaves the feed's bid as it was (market-feed-writer.ts).
        '1500: oi 120000 240180000 last 2002 bid 2001.25',
        '2000: oi 120500.5 NaN last 2002 bid 2001.25',
      ]);
      await store.close();
    },
  );
});
