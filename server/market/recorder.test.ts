import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../store/test-stores';
import { InProcessBus } from './bus/in-process-bus';
import type { MarketEvent } from './events';
import { MarketRecorder } from './recorder';

const targets = storeTargets('recorder');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

function trade(i: number, venue = 'binanceusdm'): MarketEvent {
  return {
    kind: 'trade',
    venue,
    symbol: 'BTC/USDT:USDT',
    exchangeTimeMs: 1_700_000_000_000 + i,
    receivedAtMs: 1_700_000_000_005 + i,
    tradeId: String(i),
    price: 42_000 + (i % 7) * 0.5,
    amount: 0.001 * (1 + (i % 3)),
    side: i % 2 === 0 ? 'buy' : 'sell',
    sideFrom: 'venue',
  };
}

const base = { venue: 'okx', symbol: 'BTC/USDT:USDT', exchangeTimeMs: 1_000, receivedAtMs: 1_002 };
const oneOfEach: MarketEvent[] = [
  trade(1),
  {
    ...base,
    kind: 'ohlcv',
    timeframe: '1m',
    openTimeMs: 0,
    open: 10,
    high: 12,
    low: 9,
    close: 11,
    volume: 3,
    closed: true,
  },
  {
    ...base,
    kind: 'ohlcv',
    timeframe: '1m',
    openTimeMs: 60_000,
    open: 11,
    high: 11,
    low: 11,
    close: 11,
    volume: 1,
    closed: false,
  },
  { ...base, kind: 'funding', rate: 0.0001, nextFundingTimeMs: 28_800_000 },
  { ...base, kind: 'mark', markPrice: 42_001.5, indexPrice: 42_000.25 },
  {
    ...base,
    kind: 'book',
    update: 'snapshot',
    sequence: 77,
    previousSequence: null,
    bids: [
      [41_999, 2],
      [42_000, 1.5],
      [41_998, 4],
    ],
    asks: [
      [42_002, 0],
      [42_003, 0.7],
      [42_004, 3],
    ],
  },
  {
    ...base,
    kind: 'book',
    update: 'delta',
    sequence: 78,
    previousSequence: 77,
    bids: [[42_000, 0]],
    asks: [],
  },
  {
    ...base,
    kind: 'ticker',
    last: 42_000,
    bid: 41_999.5,
    ask: 42_000.5,
    change24h: 0.0125,
    baseVolume24h: 1_234.5,
    quoteVolume24h: 51_849_000,
  },
  {
    ...base,
    exchangeTimeMs: 1_001,
    kind: 'ticker',
    last: 42_001,
    bid: null,
    ask: null,
    change24h: null,
    baseVolume24h: null,
    quoteVolume24h: null,
  },
  { ...base, kind: 'openInterest', amount: 81_234.5, value: 3_411_849_000 },
  { ...base, exchangeTimeMs: 1_001, kind: 'openInterest', amount: 81_240, value: null },
];

/** A ticker and an open-interest reading at trade i's time (for the restart tests). */
function tickerAndOpenInterest(i: number, venue = 'binanceusdm'): MarketEvent[] {
  const at = {
    venue,
    symbol: 'BTC/USDT:USDT',
    exchangeTimeMs: 1_700_000_000_000 + i,
    receivedAtMs: 1_700_000_000_009 + i,
  };
  return [
    {
      ...at,
      kind: 'ticker',
      last: 42_000 + i,
      bid: 41_999 + i,
      ask: 42_001 + i,
      change24h: 0.01,
      baseVolume24h: i,
      quoteVolume24h: null,
    },
    { ...at, kind: 'openInterest', amount: 1_000 + i, value: null },
  ];
}

describe.each(targets)('MarketRecorder on $name', (target) => {
  const runs = targetRuns(target);

  it.runIf(runs)(
    'writes trades, closed bars, funding, marks, book tops, tickers and open interest; skips what is not history',
    async () => {
      const store = await target.open();
      const recorder = await MarketRecorder.start(store);
      expect(recorder.mode.timescale).toBe(false);
      const bus = new InProcessBus();
      recorder.attach(bus);
      for (const event of oneOfEach) bus.publish(event);
      for (const event of oneOfEach) bus.publish(event); // redelivered: stored once
      await recorder.flush();
      const db = store.db;
      expect(await db.selectFrom('market_trades').selectAll().execute()).toEqual([
        {
          venue: 'binanceusdm',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_700_000_000_001n,
          trade_id: '1',
          price: 42_000.5,
          amount: 0.002,
          side: -1,
          received_at_ms: 1_700_000_000_006n,
        },
      ]);
      expect(await db.selectFrom('market_bars').selectAll().execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          price_type: 'last',
          timeframe: '1m',
          open_time_ms: 0n,
          open: 10,
          high: 12,
          low: 9,
          close: 11,
          volume: 3,
        },
      ]);
      expect(await db.selectFrom('market_funding').selectAll().execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_000n,
          rate: 0.0001,
          next_funding_time_ms: 28_800_000n,
        },
      ]);
      expect(await db.selectFrom('market_marks').selectAll().execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_000n,
          mark_price: 42_001.5,
          index_price: 42_000.25,
        },
      ]);
      // Best bid 42,000 (not the first level); the ask at 42,002 has size 0, so 42,003 is best.
      expect(await db.selectFrom('market_book_tops').selectAll().execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_000n,
          sequence: 77n,
          bid: 42_000,
          bid_size: 1.5,
          ask: 42_003,
          ask_size: 0.7,
        },
      ]);
      expect(await db.selectFrom('market_tickers').selectAll().orderBy('time_ms').execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_000n,
          last: 42_000,
          bid: 41_999.5,
          ask: 42_000.5,
          change_24h: 0.0125,
          base_volume_24h: 1_234.5,
          quote_volume_24h: 51_849_000,
          received_at_ms: 1_002n,
        },
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_001n,
          last: 42_001,
          bid: null,
          ask: null,
          change_24h: null,
          base_volume_24h: null,
          quote_volume_24h: null,
          received_at_ms: 1_002n,
        },
      ]);
      expect(await db.selectFrom('market_open_interest').selectAll().orderBy('time_ms').execute()).toEqual([
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_000n,
          amount: 81_234.5,
          value: 3_411_849_000,
          received_at_ms: 1_002n,
        },
        {
          venue: 'okx',
          symbol: 'BTC/USDT:USDT',
          time_ms: 1_001n,
          amount: 81_240,
          value: null,
          received_at_ms: 1_002n,
        },
      ]);
      // 11 events, published twice; the second time every row is a no-op.
      expect(recorder.stats()).toMatchObject({ committedEvents: 22, dropped: 0, queued: 0 });
      await recorder.close();
      await store.close();
    },
  );

  it.runIf(runs)(
    'a full queue drops the newest events and counts them; the rest are written in order',
    async () => {
      const store = await target.open();
      const recorder = await MarketRecorder.start(store, { queueEventsMax: 1_000, batchEventsMax: 300 });
      const bus = new InProcessBus();
      recorder.attach(bus);
      // Synchronous publishes: the writer cannot run in between, so the queue fills at 1,000.
      for (let i = 0; i < 1_500; i++) bus.publish(trade(i));
      await recorder.flush();
      expect(recorder.stats()).toMatchObject({ dropped: 500, committedEvents: 1_000, batches: 4 });
      const ids = await store.db.selectFrom('market_trades').select('trade_id').orderBy('time_ms').execute();
      expect(ids.map((row) => Number(row.trade_id))).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
      await recorder.close();
      await store.close();
    },
  );
});

const pgTarget = targets.find((target) => target.name === 'postgres');
describe.runIf(pgTarget && targetRuns(pgTarget))(
  'MarketRecorder when PostgreSQL kills its connections',
  () => {
    it('retries after pg_terminate_backend and loses nothing', async () => {
      const url = new URL(process.env.DATABASE_URL ?? '');
      const appName = `recorder_kill_${process.pid}`;
      url.searchParams.set('application_name', appName);
      const store = await pgTarget!.open({ databaseUrl: url.toString() });
      const killer = await pgTarget!.open();
      const errors: string[] = [];
      const recorder = await MarketRecorder.start(store, {
        batchEventsMax: 2_000,
        retry: { initialMs: 10, maxMs: 100 },
        onError: (error) => errors.push(String(error)),
      });
      const total = 60_000;
      let killed = 0;
      for (let i = 0; i < total; i++) {
        recorder.offer(trade(i));
        if (i % 100 === 0) for (const event of tickerAndOpenInterest(i)) recorder.offer(event);
        if (i % 10_000 === 9_999) {
          // Let the writer get going, then cut every connection it holds, mid-transaction or idle.
          await new Promise((resolve) => setTimeout(resolve, 15));
          const result = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n
          from pg_stat_activity where application_name = ${appName}`.execute(killer.db);
          killed += result.rows[0].n;
        }
      }
      await recorder.flush();
      const count = await store.db
        .selectFrom('market_trades')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(total);
      for (const table of ['market_tickers', 'market_open_interest'] as const) {
        const rows = await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(total / 100);
      }
      expect(killed).toBeGreaterThan(0);
      expect(recorder.stats().retries).toBeGreaterThan(0);
      expect(recorder.stats().dropped).toBe(0);
      await recorder.close();
      await killer.close();
      await store.close();
    }, 120_000);
  },
);
