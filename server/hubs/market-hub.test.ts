import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { MarketTickerFrame, VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startTestServer } from '../main/test-server';
import { PrivateRedis, redisServerAvailable } from '../market/testing/private-redis';
import { workerHealthKey, type WorkerReport } from '../market/worker-health';
import type { TestServer } from '../main/test-server';
import { FakeVenue } from '../venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../venues/fake/protocols/binanceusdm';

const symbol = 'BTC/USDT:USDT';
let fake: FakeVenue;
let protocol: BinanceUsdmProtocol;
let test: TestServer;
let market: HubConnection;
let closedPort: number;

beforeAll(async () => {
  protocol = new BinanceUsdmProtocol();
  fake = await FakeVenue.start(protocol);
  // A venue whose host refuses connections: the panel must say it is unreachable.
  const gone = await FakeVenue.start(new BinanceUsdmProtocol());
  closedPort = gone.port;
  await gone.close();
  test = await startTestServer({
    market: {
      venues: [
        {
          venue: 'binanceusdm',
          baseUrl: { rest: fake.restUrl, ws: fake.wsUrl },
          subscriptions: [
            { symbol, channel: 'ticker' },
            { symbol, channel: 'mark' },
            { symbol, channel: 'funding' },
          ],
          staleAfterMs: 400,
          backoff: { initialMs: 20, maxMs: 200 },
        },
        {
          venue: 'bybit',
          baseUrl: { rest: `http://127.0.0.1:${closedPort}`, ws: `ws://127.0.0.1:${closedPort}` },
          subscriptions: [{ symbol, channel: 'ticker' }],
          backoff: { initialMs: 20, maxMs: 200 },
        },
      ],
    },
  });
  market = await test.connect(hubPaths.market);
});

afterAll(async () => {
  await test.stop();
  await fake.close();
});

function collect(filter: object): { frames: MarketTickerFrame[]; dispose(): void } {
  const frames: MarketTickerFrame[] = [];
  const subscription = market.stream<MarketTickerFrame>('tickers', filter).subscribe({
    next: (frame) => frames.push(frame),
    error: () => undefined,
    complete: () => undefined,
  });
  return { frames, dispose: () => subscription.dispose() };
}

describe('MarketHub', () => {
  it('lists the configured venues and says which are unreachable', async () => {
    await vi.waitFor(
      async () => {
        const venues = await market.invoke<VenueStatus[]>('getVenues');
        expect(venues.map((v) => [v.venue, v.state])).toEqual([
          ['binanceusdm', 'live'],
          ['bybit', 'unreachable'],
        ]);
        expect(venues[1].reason).toMatch(/NetworkError|ExchangeNotAvailable|RequestTimeout/);
        expect(venues[1].reason).not.toMatch(/https?:\/\//);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("lists a venue's markets for the run config's pickers, and none for a venue not streamed", async () => {
    // Both venues stream the one configured symbol, listed once although three channels read it.
    expect(await market.invoke<string[]>('getMarkets', 'binanceusdm')).toEqual([symbol]);
    expect(await market.invoke<string[]>('getMarkets', 'bybit')).toEqual([symbol]);
    expect(await market.invoke<string[]>('getMarkets', 'okx')).toEqual([]);
    await expect(market.invoke('getMarkets', '')).rejects.toThrow();
  });

  it('streams tickers filtered by venue and symbol, coalesced, with stale flags', async () => {
    const all = collect({ venues: ['binanceusdm'], symbols: [symbol] });
    const other = collect({ venues: ['okx'] });
    await fake.waitForSubscription('btcusdt@miniTicker');
    await vi.waitFor(
      () => {
        fake.publish('btcusdt@miniTicker', protocol.ticker(42_123.5));
        fake.publish('btcusdt@markPrice@1s', protocol.markPrice(42_130, 42_120, 0.0001, 1_900_000_000_000));
        expect(all.frames.at(-1)?.tickers[0]).toMatchObject({
          venue: 'binanceusdm',
          symbol,
          last: 42_123.5,
          markPrice: 42_130,
          indexPrice: 42_120,
          fundingRate: 0.0001,
          nextFundingTimeMs: 1_900_000_000_000,
          stale: false,
        });
      },
      { timeout: 5_000, interval: 50 },
    );
    // A burst of 200 updates inside a few frame intervals gives a handful of frames, the last
    // with the newest price.
    const before = all.frames.length;
    for (let i = 1; i <= 200; i++) fake.publish('btcusdt@miniTicker', protocol.ticker(42_000 + i));
    await vi.waitFor(() => expect(all.frames.at(-1)?.tickers[0].last).toBe(42_200), { timeout: 5_000 });
    expect(all.frames.length - before).toBeLessThan(20);
    // No update for longer than staleAfterMs: a frame flags it stale.
    await vi.waitFor(() => expect(all.frames.at(-1)?.tickers[0].stale).toBe(true), { timeout: 5_000 });
    expect(other.frames.every((frame) => frame.tickers.length === 0)).toBe(true);
    all.dispose();
    other.dispose();
  });

  it('refuses a malformed filter', async () => {
    await expect(
      new Promise((resolve, reject) =>
        market
          .stream('tickers', { venues: 'binanceusdm' })
          .subscribe({ next: resolve, error: reject, complete: () => resolve(null) }),
      ),
    ).rejects.toThrow();
  });
});

describe('MarketHub with no venues configured', () => {
  it('lists none and contacts nothing', async () => {
    const bare = await startTestServer();
    try {
      const connection = await bare.connect(hubPaths.market);
      expect(await connection.invoke('getVenues')).toEqual([]);
      expect(bare.server.marketFeed.isStale('binanceusdm', symbol, 'ticker')).toBe(true);
    } finally {
      await bare.stop();
    }
  });
});

describe.skipIf(!redisServerAvailable())('MarketHub getVenues with a venue worker', () => {
  it("carries the worker's health record: its counters, each stream's figures and the ages", async () => {
    const redis = await PrivateRedis.start();
    const stream = `hub-worker-${process.pid}`;
    const server = await startTestServer({ marketRedis: { url: redis.url, stream } });
    const writer = new Redis(redis.url);
    try {
      const reportedAtMs = Date.now() - 1_500;
      const report: WorkerReport = {
        venue: 'okx',
        label: 'OKX',
        state: 'live',
        reason: null,
        streams: [
          {
            symbol,
            channel: 'trades',
            stale: false,
            lastEventAtMs: reportedAtMs - 250,
            events: 12_345,
            dropped: 3,
            reconnects: 2,
            resyncs: 0,
          },
          {
            symbol,
            channel: 'book',
            stale: true,
            lastEventAtMs: null,
            events: 0,
            dropped: 0,
            reconnects: 2,
            resyncs: 1,
          },
        ],
        reportedAtMs,
        published: 12_340,
        publishDropped: 4,
        outbox: 5,
        bars: 6,
        lateTrades: 1,
      };
      await writer.hset(workerHealthKey(stream), 'okx', JSON.stringify(report));
      const connection = await server.connect(hubPaths.market);
      let venues: VenueStatus[] = [];
      await vi.waitFor(
        async () => {
          venues = await connection.invoke<VenueStatus[]>('getVenues');
          expect(venues).toHaveLength(1);
        },
        { timeout: 10_000, interval: 200 },
      );
      const [okx] = venues;
      expect(okx).toMatchObject({
        venue: 'okx',
        label: 'OKX',
        state: 'live',
        reason: null,
        worker: { reportedAtMs, published: 12_340, publishDropped: 4, outbox: 5, bars: 6, lateTrades: 1 },
      });
      expect(okx.streams.map(({ lastEventAgeMs: _age, ...rest }) => rest)).toEqual(report.streams);
      // Ages are taken when the server answers: the report is at least 1.5 s old, the trade
      // stream's last event 250 ms older than the report; the book stream never had one.
      const reportAgeMs = okx.worker?.reportAgeMs ?? -1;
      expect(reportAgeMs).toBeGreaterThanOrEqual(1_500);
      expect(reportAgeMs).toBeLessThan(10_000);
      expect(okx.streams[0].lastEventAgeMs).toBeGreaterThanOrEqual(reportAgeMs + 250 - 5);
      expect(okx.streams[1].lastEventAgeMs).toBeNull();
    } finally {
      writer.disconnect();
      await server.stop();
      await redis.stop();
    }
  }, 30_000);
});
