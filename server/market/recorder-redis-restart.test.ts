// The recorder as a Redis Streams consumer group, writing to PGlite, while its private
// redis-server is killed (SIGKILL) and restarted mid-recording: every event (trades, and a
// ticker and an open-interest reading every 100 trades) lands in the store
// exactly once, because reads are acknowledged only after commit and rows are keyed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../store/test-stores';
import { RedisStreamBus } from './bus/redis-stream-bus';
import type { MarketEvent } from './events';
import { MarketRecorder } from './recorder';
import { PrivateRedis, redisServerAvailable } from './testing/private-redis';

const available = redisServerAvailable();
if (!available && process.env.CI === 'true')
  throw new Error('CI needs redis-server for the recorder restart test');

const pglite = storeTargets('recorder_redis')[0];

function trade(i: number): MarketEvent {
  return {
    kind: 'trade',
    venue: 'bybit',
    symbol: 'ETH/USDT:USDT',
    exchangeTimeMs: 1_700_000_000_000 + i,
    receivedAtMs: 1_700_000_000_000 + i,
    tradeId: `t${i}`,
    price: 2_000 + (i % 13),
    amount: 0.5,
    side: i % 3 === 0 ? 'sell' : 'buy',
    sideFrom: 'venue',
  };
}

/** Every 100th trade comes with a ticker and an open-interest reading at its time. */
function tickerAndOpenInterest(i: number): MarketEvent[] {
  const at = {
    venue: 'bybit',
    symbol: 'ETH/USDT:USDT',
    exchangeTimeMs: 1_700_000_000_000 + i,
    receivedAtMs: 1_700_000_000_000 + i,
  };
  return [
    {
      ...at,
      kind: 'ticker',
      last: 2_000 + (i % 13),
      bid: null,
      ask: null,
      change24h: null,
      baseVolume24h: null,
      quoteVolume24h: null,
    },
    { ...at, kind: 'openInterest', amount: 50_000 + i, value: null },
  ];
}

function publishFrom(bus: RedisStreamBus, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    bus.publish(trade(i));
    if (i % 100 === 0) for (const event of tickerAndOpenInterest(i)) bus.publish(event);
  }
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!available)('MarketRecorder through Redis Streams across a Redis restart', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await redis?.stop();
    await pglite.cleanup();
  });

  it('records every event exactly once', async () => {
    const store = await pglite.open();
    const stream = `rec-${Date.now()}`;
    const publisher = new RedisStreamBus({ url: redis.url, stream, onError: () => {} });
    const consumer = new RedisStreamBus({ url: redis.url, stream, onError: () => {} });
    const recorder = await MarketRecorder.start(store);
    recorder.attach(consumer);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the group exists before the first publish
    const total = 40_000;
    publishFrom(publisher, 0, total / 2);
    await until(() => recorder.stats().committedEvents > 2_000, 30_000);
    await redis.restart();
    publishFrom(publisher, total / 2, total);
    const stored = async (): Promise<number> =>
      Number(
        (
          await store.db
            .selectFrom('market_trades')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const storedOf = async (table: 'market_tickers' | 'market_open_interest'): Promise<number> =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await until(
      async () => (await stored()) === total && (await storedOf('market_open_interest')) === total / 100,
      60_000,
    );
    expect(await storedOf('market_tickers')).toBe(total / 100);
    // Redelivery after the restart may commit an event twice; the store keeps it once.
    expect(recorder.stats().committedEvents).toBeGreaterThanOrEqual(total + (2 * total) / 100);
    expect(recorder.stats().dropped).toBe(0);
    expect(publisher.stats().publishDropped).toBe(0);
    const sides = await store.db
      .selectFrom('market_trades')
      .select(['side', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('side')
      .orderBy('side')
      .execute();
    expect(sides.map((row) => [row.side, Number(row.n)])).toEqual([
      [-1, Math.ceil(total / 3)],
      [1, total - Math.ceil(total / 3)],
    ]);
    await Promise.all([publisher.close(), consumer.close()]);
    await recorder.close();
    await store.close();
  }, 120_000);
});
