// Venue message to module step: the fake Binance USD-M venue (server/venues/fake, serving the
// recorded trade payload with its id, price and times rewritten) sends trades at 10,000
// messages a second -> ccxt's WebSocket client -> our connector -> the in-process market bus ->
// MarketBridge -> the kernel, where a `sources/trades` module steps on them. Latency per
// message: from the moment the fake sends it to the end of the kernel tick whose trades module
// stepped on it (the module's `price` output carries the newest trade's id, its `count` how
// many trades the tick held, so every message is accounted for). Ticks are driven by arrivals:
// a tick runs on the next setImmediate after the first event since the previous one. That is
// the floor a live run can reach; a run that ticks on a clock adds up to one tick interval.
// Baseline alongside: a raw `ws` client subscribed to the same stream, timed at JSON.parse.
// Goal from issue 11: p99 < 5 ms.
import { WebSocket } from 'ws';
import { Kernel } from '@patchdesk/modules/kernel/index';
import { patchOf } from '@patchdesk/modules/kernel/test-patches';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { MarketBridge } from '../server/engine/market-bridge';
import { FakeVenue } from '../server/venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../server/venues/fake/protocols/binanceusdm';
import { connectToFake } from '../server/venues/testing';
import type { Bench, BenchResult } from './types';

const fullRate = 10_000;
const fullWarm = 5_000;
const fullMessages = 30_000;
/** A second, lighter run: what the path costs when the process is not saturated. */
const lightRate = 1_000;
const lightMessages = 5_000;
const topic = 'btcusdt@trade';
/** Trade ids start here; a trade's price is its id (so the module's output names it). */
const firstMeasuredId = 100_000;

/** Sends ids [firstId, firstId + total) at `rate` a second in 1 ms steps; returns send times. */
async function pace(
  fake: FakeVenue,
  protocol: BinanceUsdmProtocol,
  firstId: number,
  total: number,
  rate: number,
): Promise<Float64Array> {
  const sent = new Float64Array(total);
  const started = performance.now();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; next < due; next++) {
      const id = firstId + next;
      sent[next] = performance.now();
      fake.publish(topic, protocol.trade({ id, price: id, amount: 0.01, buyerIsMaker: id % 2 === 0 }));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return sent;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

interface Outcome {
  module: Float64Array;
  raw: Float64Array;
  ticks: number;
  missing: number;
  dropped: number;
}

async function measure(rate: number, measuredMessages: number, warmMessages: number): Promise<Outcome> {
  const protocol = new BinanceUsdmProtocol();
  const fake = await FakeVenue.start(protocol);
  const h = connectToFake(fake, [{ symbol: 'BTC/USDT:USDT', channel: 'trades' }]);
  const feed = createMarketFeed([{ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }]);
  const bridge = new MarketBridge({ bus: h.bus, feed, name: 'bench-run' });
  bridge.start();
  const kernel = new Kernel(patchOf([['trades', 'sources/trades']]), createBuiltinRegistry());
  kernel.feeds.market = feed;

  // Arrival times at the module step, indexed by id - firstMeasuredId.
  const atModule = new Float64Array(measuredMessages).fill(Number.NaN);
  let newestSeen = -1;
  let countMismatches = 0;
  let ticks = 0;
  let tickScheduled = false;
  const tick = (): void => {
    tickScheduled = false;
    bridge.beforeTick(Date.now());
    kernel.tick(Date.now());
    const done = performance.now();
    ticks++;
    const newest = kernel.read('trades.price');
    if (typeof newest !== 'number' || newest === newestSeen) return;
    const count = kernel.read('trades.count') as number;
    if (newestSeen >= 0 && newest - newestSeen !== count) countMismatches++;
    for (let id = Math.max(newestSeen + 1, newest - count + 1); id <= newest; id++) {
      const slot = id - firstMeasuredId;
      if (slot >= 0 && slot < measuredMessages) atModule[slot] = done;
    }
    newestSeen = newest;
  };
  // Subscribed after the bridge, so the event is already queued when the tick is scheduled.
  h.bus.subscribe('bench-ticker', () => {
    if (tickScheduled) return;
    tickScheduled = true;
    setImmediate(tick);
  });
  await fake.waitForSubscription(topic);

  const atRaw = new Float64Array(measuredMessages).fill(Number.NaN);
  const client = new WebSocket(`${fake.wsUrl}/public/ws/raw`);
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  client.on('message', (data) => {
    const message = JSON.parse(String(data)) as { t?: number };
    const slot = typeof message.t === 'number' ? message.t - firstMeasuredId : -1;
    if (slot >= 0 && slot < measuredMessages) atRaw[slot] = performance.now();
  });
  client.send(JSON.stringify({ method: 'SUBSCRIBE', params: [topic], id: 99 }));
  await new Promise((resolve) => setTimeout(resolve, 300));

  await pace(fake, protocol, firstMeasuredId - warmMessages, warmMessages, rate); // ids run on without a gap
  const sent = await pace(fake, protocol, firstMeasuredId, measuredMessages, rate);
  await new Promise((resolve) => setTimeout(resolve, 500));
  client.close();
  bridge.stop();
  await h.connector.stop();
  await fake.close();
  if (countMismatches > 0)
    throw new Error(`venue latency bench: ${countMismatches} ticks whose trade count did not match the ids`);

  const delays = (arrived: Float64Array): { sorted: Float64Array; missing: number } => {
    const out: number[] = [];
    for (let i = 0; i < measuredMessages; i++) if (!Number.isNaN(arrived[i])) out.push(arrived[i] - sent[i]);
    return { sorted: Float64Array.from(out).sort(), missing: measuredMessages - out.length };
  };
  const module = delays(atModule);
  const raw = delays(atRaw);
  return {
    module: module.sorted,
    raw: raw.sorted,
    ticks,
    missing: module.missing + raw.missing,
    dropped: bridge.stats().dropped + h.dropLines.length,
  };
}

const ms = (value: number): number => Number(value.toFixed(3));

const bench: Bench = {
  name: 'venue-to-module-latency',
  async run(): Promise<BenchResult[]> {
    const o = await measure(fullRate, fullMessages, fullWarm);
    const light = await measure(lightRate, lightMessages, 1_000);
    for (const outcome of [o, light])
      if (outcome.module.length === 0 || outcome.raw.length === 0)
        throw new Error('venue latency bench: nothing arrived');
    const p = (sorted: Float64Array) => ({
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted[sorted.length - 1],
    });
    const m = p(o.module);
    const r = p(o.raw);
    const notes =
      `${fullMessages} trades at ${fullRate}/s after ${fullWarm} warm-up; ${o.module.length} reached the module, ` +
      `${o.raw.length} the raw client; ${o.missing} missing, ${o.dropped} dropped; ${o.ticks} ticks`;
    const row = (stat: 'p50' | 'p99' | 'max', goal: string): BenchResult => ({
      name: `venue -> ccxt -> bus -> bridge -> module step, ${stat}`,
      value: ms(m[stat]),
      unit: 'ms',
      baselineName: `raw ws client ${stat}`,
      baselineValue: ms(r[stat]),
      ratio: m[stat] / r[stat],
      goal,
      notes,
    });
    const l = p(light.module);
    const lr = p(light.raw);
    return [
      row('p50', 'report'),
      row('p99', `p99 < 5 ms: ${m.p99 < 5 ? 'met' : 'NOT met'}`),
      row('max', 'report'),
      {
        name: `the same path at ${lightRate} messages/s, p99`,
        value: ms(l.p99),
        unit: 'ms',
        baselineName: 'raw ws client p99',
        baselineValue: ms(lr.p99),
        ratio: l.p99 / lr.p99,
        goal: 'report (how far the 10,000/s figure is load)',
        notes:
          `p50 ${ms(l.p50)} ms (raw ${ms(lr.p50)}), max ${ms(l.max)} ms (raw ${ms(lr.max)}); ` +
          `${lightMessages} trades, ${light.missing} missing, ${light.dropped} dropped; ${light.ticks} ticks`,
      },
    ];
  },
};

export default bench;
