import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../events';
import { PrivateRedis, redisServerAvailable } from '../testing/private-redis';
import { Redis } from 'ioredis';
import { RedisStreamBus } from './redis-stream-bus';

const available = redisServerAvailable();
if (!available && process.env.CI === 'true')
  throw new Error('CI needs redis-server for the Redis Streams bus tests');

function mark(n: number): MarketEvent {
  return {
    kind: 'mark',
    venue: 'v',
    symbol: 's',
    exchangeTimeMs: n,
    receivedAtMs: n,
    markPrice: 100 + n,
    indexPrice: null,
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!available)('RedisStreamBus (a private redis-server)', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('one group shares the work between two consumers, each event once; another group sees all', async () => {
    const stream = `t1-${Date.now()}`;
    const publisher = new RedisStreamBus({ url: redis.url, stream });
    const consumerA = new RedisStreamBus({ url: redis.url, stream });
    const consumerB = new RedisStreamBus({ url: redis.url, stream });
    const seen = new Map<number, number>();
    const count = (e: MarketEvent) => seen.set(e.exchangeTimeMs, (seen.get(e.exchangeTimeMs) ?? 0) + 1);
    const byConsumer = [0, 0];
    consumerA.subscribe('recorder', (e) => (count(e), byConsumer[0]++));
    consumerB.subscribe('recorder', (e) => (count(e), byConsumer[1]++));
    const bars: number[] = [];
    consumerA.subscribe('bars', (e) => bars.push(e.exchangeTimeMs));
    await new Promise((resolve) => setTimeout(resolve, 300)); // groups exist before the first publish
    const total = 20_000;
    for (let i = 0; i < total; i++) publisher.publish(mark(i));
    await until(() => seen.size === total && bars.length === total);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(byConsumer[0] + byConsumer[1]).toBe(total);
    expect(bars).toEqual(Array.from({ length: total }, (_, i) => i)); // one consumer: in order
    await Promise.all([publisher.close(), consumerA.close(), consumerB.close()]);
  }, 60_000);

  it('a live consumer reads from its start only, and its group goes when it unsubscribes', async () => {
    const stream = `live-${Date.now()}`;
    const bus = new RedisStreamBus({ url: redis.url, stream });
    const admin = new Redis(redis.url);
    const groups = async (): Promise<string[]> =>
      ((await admin.call('XINFO', 'GROUPS', stream)) as unknown[][]).map((group) => String(group[1]));
    try {
      for (let i = 0; i < 5; i++) bus.publish(mark(i)); // before the run: history
      await bus.flush();
      const seen: number[] = [];
      const unsubscribe = bus.subscribe('run:p:1', (e) => seen.push(e.exchangeTimeMs), { live: true });
      await until(async () => (await groups()).includes('run:p:1'));
      for (let i = 5; i < 8; i++) bus.publish(mark(i));
      await until(() => seen.length === 3);
      expect(seen).toEqual([5, 6, 7]);
      unsubscribe();
      await until(async () => (await groups()).length === 0);
    } finally {
      admin.disconnect();
      await bus.close();
    }
  }, 30_000);

  it('entries a consumer took and never acknowledged are claimed by another', async () => {
    const stream = `t2-${Date.now()}`;
    const publisher = new RedisStreamBus({ url: redis.url, stream });
    const stuck = new RedisStreamBus({ url: redis.url, stream, claimIdleMs: 300 });
    let stuckGot = 0;
    // A consumer that hangs forever on its first batch: as good as dead, its entries stay pending.
    stuck.subscribeBatches('recorder', (events) => {
      stuckGot += events.length;
      return new Promise<void>(() => {});
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 1_000; i++) publisher.publish(mark(i));
    await until(() => stuckGot > 0);
    const rescuer = new RedisStreamBus({ url: redis.url, stream, claimIdleMs: 300 });
    const got = new Set<number>();
    rescuer.subscribe('recorder', (e) => got.add(e.exchangeTimeMs));
    await until(() => got.size === 1_000);
    expect(rescuer.stats().claimed).toBeGreaterThan(0);
    await Promise.all([publisher.close(), rescuer.close(), stuck.close()]);
  }, 60_000);

  it('loses nothing when Redis restarts while events are published and recorded', async () => {
    const stream = `t3-${Date.now()}`;
    const errors: string[] = [];
    const publisher = new RedisStreamBus({ url: redis.url, stream, onError: (what) => errors.push(what) });
    const recorder = new RedisStreamBus({ url: redis.url, stream, onError: (what) => errors.push(what) });
    const recorded = new Set<number>();
    let deliveries = 0;
    recorder.subscribeBatches('recorder', async (events) => {
      for (const e of events) recorded.add(e.exchangeTimeMs);
      deliveries += events.length;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const total = 30_000;
    for (let i = 0; i < total / 2; i++) publisher.publish(mark(i));
    await until(() => recorded.size > 1_000);
    await redis.restart();
    for (let i = total / 2; i < total; i++) publisher.publish(mark(i));
    await until(() => recorded.size === total, 40_000);
    expect(recorded.size).toBe(total);
    // At-least-once: an acknowledgement lost in the restart may redeliver; the recorder's writes are idempotent.
    expect(deliveries).toBeGreaterThanOrEqual(total);
    expect(publisher.stats().publishDropped).toBe(0);
    await Promise.all([publisher.close(), recorder.close()]);
  }, 90_000);
});
