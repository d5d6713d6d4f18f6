// Market ingest through Redis Streams with the recorder keeping up: normalised events are
// published on the real Redis bus (server/market/bus/redis-stream-bus.ts, REDIS_URL), a
// MarketRecorder consumes them as consumer group `recorder` (ack after commit) into the store
// (PGlite on disk; PostgreSQL too when DATABASE_URL is set). The figure is events per second
// from the first publish until the recorder has committed the last event, so it is a rate the
// recorder keeps up with, not a publish rate. Baseline, run alongside on the same Redis: the
// same payloads (the same msgpack entries of 256 events) sent by a raw ioredis XADD pipeline,
// nothing reading them. Also bytes allocated per event (market-allocated-bytes.ts) by each.
// Times in the events are real epoch milliseconds. Without REDIS_URL: skipped, with a line.
// Goal from issue 11: >= 100,000 events/s through Redis with the recorder keeping up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '@msgpack/msgpack';
import { Redis } from 'ioredis';
import { RedisStreamBus } from '../server/market/bus/redis-stream-bus';
import type { MarketEvent } from '../server/market/events';
import { MarketRecorder } from '../server/market/recorder';
import { openStore, type Store } from '../server/store/open-store';
import { HeapAllocation } from './market-allocated-bytes';
import type { Bench, BenchResult } from './types';

const eventCount = 100_000;
const warmCount = 10_000;
/** As RedisStreamBus packs them (its default `eventsPerEntry`). */
const eventsPerEntry = 256;
/** Entries per pipeline in the baseline: what RedisStreamBus.flush sends at once. */
const entriesPerPipeline = 64;

/** Trades of one perpetual with a mark and a funding event every 100 trades; epoch-ms times. */
function events(count: number, firstId: number): MarketEvent[] {
  const start = Date.now() - count;
  const list: MarketEvent[] = [];
  let price = 42_000;
  for (let i = 0; i < count; i++) {
    const timeMs = start + i;
    price += ((i * 7919) % 11) - 5;
    if (i % 100 === 50) {
      list.push({
        kind: 'mark',
        venue: 'binanceusdm',
        symbol: 'BTC/USDT:USDT',
        exchangeTimeMs: timeMs,
        receivedAtMs: timeMs + 2,
        markPrice: price + 0.5,
        indexPrice: price - 0.5,
      });
      continue;
    }
    list.push({
      kind: 'trade',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      exchangeTimeMs: timeMs,
      receivedAtMs: timeMs + 3,
      tradeId: String(firstId + i),
      price,
      amount: 0.001 * (1 + (i % 50)),
      side: i % 3 === 0 ? 'sell' : 'buy',
      sideFrom: 'venue',
    });
  }
  return list;
}

interface Measured {
  perSecond: number;
  bytesPerEvent: number;
  /** ms between the last publish reaching Redis and the recorder's last commit. */
  lagMs: number;
  committed: number;
  dropped: number;
}

async function throughRecorder(url: string, store: Store, list: MarketEvent[]): Promise<Measured> {
  const stream = `bench-redis-ingest-${process.pid}-${Date.now()}`;
  const publisher = new RedisStreamBus({ url, stream });
  const consumer = new RedisStreamBus({ url, stream });
  const recorder = await MarketRecorder.start(store);
  const detach = recorder.attach(consumer);
  try {
    await sleep(300); // the consumer group exists before the first entry
    const heap = new HeapAllocation();
    const started = performance.now();
    for (const event of list) publisher.publish(event);
    await publisher.flush();
    const publishedAt = performance.now();
    const deadline = Date.now() + 120_000;
    while (recorder.stats().committedEvents < list.length && Date.now() < deadline) await sleep(2);
    const ended = performance.now();
    const bytes = heap.stop();
    const committed = recorder.stats().committedEvents;
    if (committed < list.length)
      throw new Error(`redis ingest bench: ${committed}/${list.length} committed in 120 s`);
    return {
      perSecond: list.length / ((ended - started) / 1000),
      bytesPerEvent: bytes / list.length,
      lagMs: ended - publishedAt,
      committed,
      dropped: publisher.stats().publishDropped + recorder.stats().dropped,
    };
  } finally {
    detach();
    await recorder.close();
    await Promise.all([publisher.close(), consumer.close()]);
    const cleanup = new Redis(url);
    await cleanup.del(stream);
    cleanup.disconnect();
  }
}

/** The same events, encoded the way the bus encodes them, through a plain XADD pipeline. */
async function rawXadd(
  url: string,
  list: MarketEvent[],
): Promise<{ perSecond: number; bytesPerEvent: number }> {
  const stream = `bench-redis-raw-${process.pid}-${Date.now()}`;
  const redis = new Redis(url);
  try {
    await redis.ping();
    const heap = new HeapAllocation();
    const started = performance.now();
    const perPipeline = eventsPerEntry * entriesPerPipeline;
    for (let offset = 0; offset < list.length; offset += perPipeline) {
      const pipeline = redis.pipeline();
      const end = Math.min(list.length, offset + perPipeline);
      for (let from = offset; from < end; from += eventsPerEntry) {
        const entry = encode(list.slice(from, Math.min(end, from + eventsPerEntry)));
        pipeline.xadd(stream, 'MAXLEN', '~', 100_000, '*', 'e', Buffer.from(entry));
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    }
    const seconds = (performance.now() - started) / 1000;
    const bytes = heap.stop();
    return { perSecond: list.length / seconds, bytesPerEvent: bytes / list.length };
  } finally {
    await redis.del(stream);
    redis.disconnect();
  }
}

async function results(url: string, store: Store, label: string): Promise<BenchResult[]> {
  await throughRecorder(url, store, events(warmCount, 0));
  await rawXadd(url, events(warmCount, 0));
  const list = events(eventCount, 1_000_000);
  const measured = await throughRecorder(url, store, list);
  const raw = await rawXadd(url, list);
  const notes =
    `${eventCount} events (99% trades, 1% marks, epoch-ms times); recorder finished ` +
    `${measured.lagMs.toFixed(0)} ms after the last XADD; ${measured.committed} committed, ${measured.dropped} dropped`;
  return [
    {
      name: `ingest through Redis Streams, recorder to ${label} keeping up`,
      value: Math.round(measured.perSecond),
      unit: 'events/s',
      baselineName: 'raw ioredis XADD pipeline of the same entries',
      baselineValue: Math.round(raw.perSecond),
      ratio: measured.perSecond / raw.perSecond,
      goal: `>= 100,000 events/s: ${measured.perSecond >= 100_000 ? 'met' : 'NOT met'}`,
      notes,
    },
    {
      name: `bytes allocated per event, Redis bus + recorder to ${label}`,
      value: Math.round(measured.bytesPerEvent),
      unit: 'bytes/event',
      baselineName: 'raw ioredis XADD pipeline',
      baselineValue: Math.round(raw.bytesPerEvent),
      ratio: measured.bytesPerEvent / raw.bytesPerEvent,
      goal: 'report (V8 heap only: used-heap growth plus what each GC freed)',
    },
  ];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const bench: Bench = {
  name: 'market-redis-ingest',
  async run(): Promise<BenchResult[]> {
    const url = process.env.REDIS_URL;
    if (!url) {
      process.stderr.write('market-redis-ingest bench: REDIS_URL is not set, skipped\n');
      return [];
    }
    const out: BenchResult[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-redis-ingest-'));
    try {
      const store = await openStore({ dataDir: join(dir, 'pglite') });
      try {
        out.push(...(await results(url, store, 'PGlite (disk)')));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      const schema = `bench_redis_ingest_${process.pid}`;
      const store = await openStore({ databaseUrl, schema });
      try {
        out.push(...(await results(url, store, 'PostgreSQL')));
      } finally {
        await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await store.close();
      }
    } else process.stderr.write('market-redis-ingest bench: DATABASE_URL is not set, PostgreSQL skipped\n');
    return out;
  },
};

export default bench;
