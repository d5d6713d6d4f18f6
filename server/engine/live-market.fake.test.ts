// Four venues stream into a running paper patch, with every real part in between: the local
// fake venues (binanceusdm, bybit, okx, hyperliquid) speaking their recorded payloads, ccxt,
// one venue worker per venue publishing to a private redis-server, the server reading that
// Redis stream (REDIS_URL's path), the run's MarketBridge, and the patch's trades and book
// sources, read with the official @microsoft/signalr client on ProbeHub. The expected values
// are the figures the test has each venue send (and, for Hyperliquid's book, its recorded
// fixture, read here on its own).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { MarketStreamRef, ProbeFrame, RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type { Patch } from '@patchdesk/modules/patch/types';
import { makeTestStore, startTestServer, type TestServer } from '../main/test-server';
import { PrivateRedis, redisServerAvailable } from '../market/testing/private-redis';
import { startVenueWorker, type VenueWorker } from '../market/venue-worker';
import { FakeVenue } from '../venues/fake/fake-venue';
import { fixture } from '../venues/fake/fixtures';
import { BinanceUsdmProtocol } from '../venues/fake/protocols/binanceusdm';
import { BybitProtocol } from '../venues/fake/protocols/bybit';
import { HyperliquidProtocol } from '../venues/fake/protocols/hyperliquid';
import { OkxProtocol } from '../venues/fake/protocols/okx';

const available = redisServerAvailable();
if (!available && process.env.CI === 'true')
  throw new Error('CI needs redis-server for the live market test');

const streams: MarketStreamRef[] = [
  { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
  { venue: 'bybit', symbol: 'BTC/USDT:USDT' },
  { venue: 'okx', symbol: 'BTC/USDT:USDT' },
  { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' },
];
const tags = ['binance', 'bybit', 'okx', 'hyperliquid'];

/** A trades and a book source per stream: `<tag>Trades` reads stream i, `<tag>Book` too. */
const patch: Patch = {
  schemaVersion: 1,
  name: 'four-venues',
  description: 'market sources on four venues',
  modules: tags.flatMap((tag, i) => [
    { id: `${tag}Trades`, type: 'sources/trades', params: { stream: i }, position: { x: 0, y: 100 * i } },
    { id: `${tag}Book`, type: 'sources/book', params: { stream: i }, position: { x: 200, y: 100 * i } },
  ]),
  cables: [],
};
const ports = tags.flatMap((tag) => [
  `${tag}Trades.price`,
  `${tag}Trades.amount`,
  `${tag}Trades.side`,
  `${tag}Book.bid`,
  `${tag}Book.bidSize`,
  `${tag}Book.ask`,
  `${tag}Book.askSize`,
]);

/** What each venue is made to send, as [trade price, amount, side, bid, bid size, ask, ask size]. */
const hyperliquidLevels = fixture<{ levels: { px: string; sz: string }[][] }>(
  'hyperliquid',
  'ws_book_data',
).levels;
const expected: Record<string, number[]> = {
  // REST depth snapshot 100 x 1 / 100.5 x 1, then a diff adding a bid 100.25 x 3
  binance: [42_001.5, 0.25, 1, 100.25, 3, 100.5, 1],
  // a 50-level snapshot
  bybit: [42_002.5, 0.5, -1, 42_000, 1.5, 42_003, 2],
  // the snapshot sent on subscribe (100 x 1 / 100.5 x 1), then an update adding a bid 100.2 x 5
  okx: [42_003.5, 0.75, 1, 100.2, 5, 100.5, 1],
  // the recorded l2Book message: its first bid and first ask
  hyperliquid: [
    42_004.5,
    1.25,
    -1,
    Number(hyperliquidLevels[0][0].px),
    Number(hyperliquidLevels[0][0].sz),
    Number(hyperliquidLevels[1][0].px),
    Number(hyperliquidLevels[1][0].sz),
  ],
};

function decodeValues(values: ProbeFrame['values']): number[] {
  if (values instanceof Uint8Array) {
    const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
    return Array.from({ length: values.byteLength / 8 }, (_, i) => view.getFloat64(i * 8, true));
  }
  return Array.from(values, (value) => (value === null ? Number.NaN : value));
}

describe.skipIf(!available)('four venues stream into a running paper patch', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  const workers: VenueWorker[] = [];
  const binance = new BinanceUsdmProtocol();
  const bybit = new BybitProtocol();
  const okx = new OkxProtocol();
  const hyperliquid = new HyperliquidProtocol();
  const fakes: FakeVenue[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const stream = `live-${Math.random().toString(36).slice(2)}`;
    for (const protocol of [binance, bybit, okx, hyperliquid]) fakes.push(await FakeVenue.start(protocol));
    fakes.forEach((fake, i) =>
      workers.push(
        startVenueWorker({
          venue: {
            venue: streams[i].venue,
            baseUrl: { rest: fake.restUrl, ws: fake.wsUrl },
            subscriptions: [
              { symbol: streams[i].symbol, channel: 'trades' },
              { symbol: streams[i].symbol, channel: 'book' },
            ],
          },
          redisUrl: redis.url,
          stream,
          barTimeframes: [],
          logger: pino({ level: 'silent' }),
        }),
      ),
    );
    const storeDir = makeTestStore();
    writeFileSync(join(storeDir, 'four-venues.json'), JSON.stringify(patch));
    // no database: this test is about the data path, not the paper run's journal or recording
    server = await startTestServer({ storeDir, database: null, marketRedis: { url: redis.url, stream } });
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
    for (const worker of workers) await worker.stop();
    for (const fake of fakes) await fake.close();
    await redis?.stop();
  });

  it('delivers each venue’s trades and book to its stream’s sources', async () => {
    const [binanceFake, bybitFake, okxFake, hyperliquidFake] = fakes;
    const topicStarting = (fake: FakeVenue, prefix: string): string | undefined =>
      fake.subscribedTopics().find((topic) => topic.startsWith(prefix));
    await vi.waitFor(
      () => {
        expect(topicStarting(binanceFake, 'btcusdt@depth')).toBeDefined();
        expect(topicStarting(bybitFake, 'orderbook.')).toBeDefined();
        expect(binance.depthSnapshotsServed).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 100 },
    );
    await Promise.all([
      binanceFake.waitForSubscription('btcusdt@trade'),
      bybitFake.waitForSubscription('publicTrade.BTCUSDT'),
      okxFake.waitForSubscription('trades:BTC-USDT-SWAP'),
      okxFake.waitForSubscription('books:BTC-USDT-SWAP'),
      hyperliquidFake.waitForSubscription('trades:BTC'),
      hyperliquidFake.waitForSubscription('l2Book:BTC'),
    ]);

    const state = await server.connect(hubPaths.state);
    const started = await state.invoke<RunStatus>('start', 'four-venues', {
      mode: 'paper',
      journal: false,
      streams,
    });
    expect(started).toMatchObject({ state: 'running', mode: 'paper' });
    const probes = await server.connect(hubPaths.probe);
    let latest: number[] = [];
    const subscription = probes.stream<ProbeFrame>('subscribe', 'four-venues', ports, 'live').subscribe({
      next: (frame) => (latest = decodeValues(frame.values)),
      error: () => undefined,
      complete: () => undefined,
    });
    const bybitDepth = Number((topicStarting(bybitFake, 'orderbook.') as string).split('.')[1]);
    let id = 0;
    const send = (): void => {
      id++;
      binanceFake.publish(
        'btcusdt@trade',
        binance.trade({ id, price: 42_001.5, amount: 0.25, buyerIsMaker: false }),
      );
      binanceFake.publish(
        topicStarting(binanceFake, 'btcusdt@depth') as string,
        binance.depthUpdate([[100.25, 3]], []),
      );
      bybitFake.publish(
        'publicTrade.BTCUSDT',
        bybit.trade({ id: `b${id}`, price: 42_002.5, amount: 0.5, side: 'Sell' }),
      );
      bybitFake.publish(
        `orderbook.${bybitDepth}.BTCUSDT`,
        bybit.bookSnapshot(
          bybitDepth,
          [
            [42_000, 1.5],
            [41_999, 4],
          ],
          [
            [42_003, 2],
            [42_004, 1],
          ],
        ),
      );
      okxFake.publish(
        'trades:BTC-USDT-SWAP',
        okx.trade({ id: `o${id}`, price: 42_003.5, amount: 0.75, side: 'buy' }),
      );
      okxFake.publish('books:BTC-USDT-SWAP', okx.bookUpdate([[100.2, 5]], []));
      hyperliquidFake.publish(
        'trades:BTC',
        hyperliquid.trade({ id, price: 42_004.5, amount: 1.25, side: 'A' }),
      );
      hyperliquidFake.publish('l2Book:BTC', hyperliquid.book());
    };
    try {
      await vi.waitFor(
        () => {
          send();
          const byTag = Object.fromEntries(tags.map((tag, i) => [tag, latest.slice(i * 7, i * 7 + 7)]));
          expect(byTag).toEqual(expected);
        },
        { timeout: 30_000, interval: 500 },
      );
    } finally {
      subscription.dispose();
    }
    const stopped = await state.invoke<RunStatus>('stop', 'four-venues');
    expect(stopped.state).toBe('stopped');
    for (const worker of workers) expect(worker.stats().publishDropped).toBe(0);
  }, 60_000);
});
