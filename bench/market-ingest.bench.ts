// Market ingest: (1) events per second in one process through parse (JSON of a recorded
// Binance trade payload), normalise, validate (checkMarketEvent), the in-process bus and bar
// aggregation at 1m/5m/1h, against a plain loop that only parses and maps; (2) venue message to
// bus latency at 10,000 messages a second through the fake venue and ccxt, against a raw
// WebSocket client reading the same fake. Goals from issue 11: >= 500,000 events/s; p99 < 5 ms.
import { WebSocket } from 'ws';
import { BarAggregator } from '../server/market/bar-aggregator';
import { InProcessBus } from '../server/market/bus/in-process-bus';
import { RedisStreamBus } from '../server/market/bus/redis-stream-bus';
import { checkMarketEvent } from '../server/market/events';
import type { OhlcvEvent } from '../server/market/events';
import { FakeVenue } from '../server/venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../server/venues/fake/protocols/binanceusdm';
import { connectToFake } from '../server/venues/testing';
import type { Bench, BenchResult } from './types';

const ingestCount = 400_000;

function rawTrades(count: number): string[] {
  const protocol = new BinanceUsdmProtocol();
  const start = Date.now() - count;
  const out: string[] = [];
  let price = 42_000;
  for (let i = 0; i < count; i++) {
    price += ((i * 7919) % 11) - 5;
    out.push(
      JSON.stringify(
        protocol.trade({
          id: i,
          price,
          amount: 0.001 * (1 + (i % 50)),
          buyerIsMaker: i % 3 === 0,
          timeMs: start + i,
        }),
      ),
    );
  }
  return out;
}

interface BinanceTrade {
  T: number;
  t: number;
  p: string;
  q: string;
  m: boolean;
}

function normalise(message: BinanceTrade, receivedAtMs: number): unknown {
  return {
    kind: 'trade',
    venue: 'binanceusdm',
    symbol: 'BTC/USDT:USDT',
    exchangeTimeMs: message.T,
    receivedAtMs,
    tradeId: String(message.t),
    price: Number(message.p),
    amount: Number(message.q),
    side: message.m ? 'sell' : 'buy',
    sideFrom: 'venue',
  };
}

function ingest(raw: string[]): { perSecond: number; bars: number; dropped: number } {
  const bus = new InProcessBus();
  const aggregator = new BarAggregator('binanceusdm', 'BTC/USDT:USDT', ['1m', '5m', '1h']);
  const closed: OhlcvEvent[] = [];
  bus.subscribe('bars', (event) => {
    if (event.kind === 'trade') aggregator.onTrade(event, closed);
  });
  const nowMs = Date.now();
  let dropped = 0;
  const started = performance.now();
  for (let i = 0; i < raw.length; i++) {
    const check = checkMarketEvent(normalise(JSON.parse(raw[i]) as BinanceTrade, nowMs), nowMs);
    if (check.ok) bus.publish(check.event);
    else dropped++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: raw.length / seconds, bars: closed.length, dropped };
}

function plainLoop(raw: string[]): number {
  const nowMs = Date.now();
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < raw.length; i++) {
    const event = normalise(JSON.parse(raw[i]) as BinanceTrade, nowMs) as { price: number };
    sink += event.price;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink === 0) throw new Error('unreachable');
  return raw.length / seconds;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Sends `total` trades at `rate` a second (in 1 ms batches); returns send times by id. */
async function pace(
  fake: FakeVenue,
  protocol: BinanceUsdmProtocol,
  total: number,
  rate: number,
  firstId: number,
): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  const started = performance.now();
  let id = firstId;
  while (id - firstId < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (id - firstId < due) {
      sent.set(id, performance.now());
      fake.publish('btcusdt@trade', protocol.trade({ id, price: 42_000, amount: 0.01, buyerIsMaker: false }));
      id++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return sent;
}

async function latency(): Promise<{ viaCcxt: number[]; raw: number[]; received: number; total: number }> {
  const protocol = new BinanceUsdmProtocol();
  const fake = await FakeVenue.start(protocol);
  const h = connectToFake(fake, [{ symbol: 'BTC/USDT:USDT', channel: 'trades' }]);
  const arrivals = new Map<number, number>();
  h.bus.subscribe('latency', (event) => {
    if (event.kind === 'trade') arrivals.set(Number(event.tradeId), performance.now());
  });
  await fake.waitForSubscription('btcusdt@trade');
  // The baseline: a raw ws client subscribed to the same stream, timing JSON.parse only.
  const rawArrivals = new Map<number, number>();
  const client = new WebSocket(`${fake.wsUrl}/public/ws/raw`);
  await new Promise((resolve) => client.once('open', resolve));
  client.on('message', (data) => {
    const message = JSON.parse(String(data)) as { t?: number };
    if (typeof message.t === 'number') rawArrivals.set(message.t, performance.now());
  });
  client.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@trade'], id: 99 }));
  await fake.waitForSubscription('btcusdt@trade');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await pace(fake, protocol, 5_000, 10_000, 0); // warm-up
  const total = 30_000;
  const sent = await pace(fake, protocol, total, 10_000, 1_000_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const delays = (map: Map<number, number>): number[] =>
    [...sent.entries()]
      .filter(([id]) => map.has(id))
      .map(([id, at]) => (map.get(id) as number) - at)
      .sort((a, b) => a - b);
  const viaCcxt = delays(arrivals);
  const raw = delays(rawArrivals);
  client.close();
  await h.connector.stop();
  await fake.close();
  return { viaCcxt, raw, received: viaCcxt.length, total };
}

/**
 * Through Redis Streams: validated events published in chunks (flushed between chunks, so the
 * bounded outbox never drops), a recorder consumer group reading batches. The rate counts until
 * the recorder has every event, so it measures a recorder that keeps up.
 */
async function throughRedis(
  url: string,
  raw: string[],
): Promise<{ perSecond: number; recorded: number; dropped: number }> {
  const stream = `bench-ingest-${process.pid}-${Date.now()}`;
  const publisher = new RedisStreamBus({ url, stream });
  const recorder = new RedisStreamBus({ url, stream });
  let recorded = 0;
  recorder.subscribeBatches('recorder', (events) => {
    recorded += events.length;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const nowMs = Date.now();
  const started = performance.now();
  for (let i = 0; i < raw.length; i++) {
    const check = checkMarketEvent(normalise(JSON.parse(raw[i]) as BinanceTrade, nowMs), nowMs);
    if (check.ok) publisher.publish(check.event);
    if (i % 5_000 === 4_999) await publisher.flush();
  }
  await publisher.flush();
  const deadline = Date.now() + 60_000;
  while (recorded < raw.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  const dropped = publisher.stats().publishDropped;
  await Promise.all([publisher.close(), recorder.close()]);
  return { perSecond: recorded / seconds, recorded, dropped };
}

const bench: Bench = {
  name: 'market-ingest',
  async run(): Promise<BenchResult[]> {
    const raw = rawTrades(ingestCount);
    ingest(raw.slice(0, 50_000));
    plainLoop(raw.slice(0, 50_000));
    const measured = ingest(raw);
    const baseline = plainLoop(raw);
    const redisUrl = process.env.REDIS_URL;
    const redis = redisUrl ? await throughRedis(redisUrl, raw.slice(0, 200_000)) : null;
    const lat = await latency();
    const p50 = percentile(lat.viaCcxt, 0.5);
    const p99 = percentile(lat.viaCcxt, 0.99);
    const rawP99 = percentile(lat.raw, 0.99);
    return [
      {
        name: 'ingest in-process (parse+validate+bus+bars)',
        value: Math.round(measured.perSecond),
        unit: 'events/s',
        baselineName: 'parse+map loop',
        baselineValue: Math.round(baseline),
        ratio: measured.perSecond / baseline,
        goal: '>= 500,000 events/s',
        notes: `${ingestCount} recorded-shape Binance trades; ${measured.bars} bars closed; ${measured.dropped} dropped`,
      },
      ...(redis
        ? [
            {
              name: 'ingest through Redis Streams (validate+XADD+recorder group)',
              value: Math.round(redis.perSecond),
              unit: 'events/s',
              baselineName: 'in-process ingest',
              baselineValue: Math.round(measured.perSecond),
              ratio: redis.perSecond / measured.perSecond,
              goal: '>= 100,000 events/s with the recorder keeping up',
              notes: `${redis.recorded} recorded of 200000; ${redis.dropped} dropped by the outbox`,
            },
          ]
        : []),
      {
        name: 'venue->bus latency p99 at 10k msg/s (fake binanceusdm, ccxt)',
        value: Number(p99.toFixed(3)),
        unit: 'ms',
        baselineName: 'raw ws client p99',
        baselineValue: Number(rawP99.toFixed(3)),
        ratio: p99 / rawP99,
        goal: 'p99 < 5 ms',
        notes: `p50 ${p50.toFixed(3)} ms; ${lat.received}/${lat.total} delivered; raw p50 ${percentile(lat.raw, 0.5).toFixed(3)} ms`,
      },
    ];
  },
};
export default bench;
