// The venue worker against a private redis-server and the fake Binance USD-M venue: trades and
// tickers reach the Redis stream through ccxt, bars built from the trades follow them, the CLI
// function runs and stops the worker, and a server started with the same stream shows the
// worker's tickers on MarketHub.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MarketTickerFrame, VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import pino from 'pino';
import { runVenueWorkerCommand } from '../cli/commands/worker-venue';
import { main } from '../cli/main';
import { startTestServer } from '../main/test-server';
import { FakeVenue } from '../venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../venues/fake/protocols/binanceusdm';
import { RedisStreamBus } from './bus/redis-stream-bus';
import type { MarketEvent, OhlcvEvent, TradeEvent } from './events';
import { PrivateRedis, redisServerAvailable } from './testing/private-redis';
import { startVenueWorker } from './venue-worker';

const available = redisServerAvailable();
if (!available && process.env.CI === 'true')
  throw new Error('CI needs redis-server for the venue worker tests');

const symbol = 'BTC/USDT:USDT';
const quiet = pino({ level: 'silent' });

describe.skipIf(!available)('venue worker (private redis-server, fake binanceusdm)', () => {
  let redis: PrivateRedis;
  let fake: FakeVenue;
  let protocol: BinanceUsdmProtocol;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    protocol = new BinanceUsdmProtocol();
    fake = await FakeVenue.start(protocol);
  });
  afterAll(async () => {
    await fake?.close();
    await redis?.stop();
  });

  function readStream(stream: string): { events: MarketEvent[]; bus: RedisStreamBus } {
    const bus = new RedisStreamBus({ url: redis.url, stream });
    const events: MarketEvent[] = [];
    bus.subscribe('test-reader', (event) => events.push(event));
    return { events, bus };
  }

  it('streams trades onto Redis, and the bars built from them', async () => {
    const stream = `worker-${Math.random().toString(36).slice(2)}`;
    const reader = readStream(stream);
    const worker = startVenueWorker({
      venue: {
        venue: 'binanceusdm',
        baseUrl: { rest: fake.restUrl, ws: fake.wsUrl },
        subscriptions: [{ symbol, channel: 'trades' }],
      },
      redisUrl: redis.url,
      stream,
      barTimeframes: ['1s'],
      // Only a later trade closes a bar here: the clock never interferes.
      barCloseGraceMs: 3_600_000,
      logger: quiet,
    });
    try {
      await fake.waitForSubscription('btcusdt@trade');
      const secondMs = Math.floor(Date.now() / 1000) * 1000 - 10_000;
      const trades = [
        { id: 1, timeMs: secondMs + 100, price: 100, amount: 1, buyerIsMaker: false },
        { id: 2, timeMs: secondMs + 200, price: 103, amount: 2, buyerIsMaker: true },
        { id: 3, timeMs: secondMs + 300, price: 99, amount: 0.5, buyerIsMaker: false },
        { id: 4, timeMs: secondMs + 1_100, price: 101, amount: 4, buyerIsMaker: false },
      ];
      for (const t of trades) fake.publish('btcusdt@trade', protocol.trade(t));
      await vi.waitFor(() => expect(reader.events.filter((e) => e.kind === 'ohlcv')).toHaveLength(1), {
        timeout: 10_000,
      });
      const seen = reader.events.filter((e): e is TradeEvent => e.kind === 'trade');
      expect(seen.map((t) => [t.tradeId, t.price, t.side])).toEqual([
        ['1', 100, 'buy'],
        ['2', 103, 'sell'],
        ['3', 99, 'buy'],
        ['4', 101, 'buy'],
      ]);
      expect(reader.events.find((e): e is OhlcvEvent => e.kind === 'ohlcv')).toMatchObject({
        venue: 'binanceusdm',
        symbol,
        timeframe: '1s',
        openTimeMs: secondMs,
        open: 100,
        high: 103,
        low: 99,
        close: 99,
        volume: 3.5,
        closed: true,
      });
      expect(worker.stats()).toMatchObject({ bars: 1, publishDropped: 0 });
      expect(worker.venue()?.state).toBe('live');
    } finally {
      await worker.stop();
      await reader.bus.close();
    }
  });

  it('runs as a CLI function until stopped; a server on the same stream shows its tickers', async () => {
    const stream = `worker-${Math.random().toString(36).slice(2)}`;
    const server = await startTestServer({ marketRedis: { url: redis.url, stream } });
    const stop = new AbortController();
    const running = runVenueWorkerCommand(
      {
        venue: 'binanceusdm',
        symbols: symbol,
        channels: 'ticker,mark,funding',
        bars: '',
        baseUrl: fake.restUrl,
        wsUrl: fake.wsUrl,
        redisUrl: redis.url,
        stream,
        statusEvery: '0',
      },
      { env: {}, signal: stop.signal },
    );
    try {
      const market = await server.connect(hubPaths.market);
      const frames: MarketTickerFrame[] = [];
      const subscription = market.stream<MarketTickerFrame>('tickers', {}).subscribe({
        next: (frame) => frames.push(frame),
        error: () => undefined,
        complete: () => undefined,
      });
      await fake.waitForSubscription('btcusdt@miniTicker');
      await vi.waitFor(
        () => {
          fake.publish('btcusdt@miniTicker', protocol.ticker(43_210.5));
          fake.publish(
            'btcusdt@markPrice@1s',
            protocol.markPrice(43_215, 43_200, -0.0002, 1_900_000_000_000),
          );
          expect(frames.at(-1)?.tickers[0]).toMatchObject({
            venue: 'binanceusdm',
            symbol,
            last: 43_210.5,
            markPrice: 43_215,
            fundingRate: -0.0002,
            nextFundingTimeMs: 1_900_000_000_000,
            stale: false,
          });
        },
        { timeout: 15_000, interval: 200 },
      );
      subscription.dispose();
      // The server has no connector of its own for the venue: getVenues shows what the
      // worker reports over Redis (its connector's streams and its own counters).
      await vi.waitFor(
        async () => {
          const venues = await market.invoke<VenueStatus[]>('getVenues');
          expect(venues).toHaveLength(1);
          expect(venues[0]).toMatchObject({
            venue: 'binanceusdm',
            label: 'Binance USD-M futures',
            state: 'live',
          });
          const ticker = venues[0].streams.find((stream) => stream.channel === 'ticker');
          expect(ticker).toMatchObject({ symbol, stale: false, reconnects: 0 });
          expect(ticker?.events).toBeGreaterThan(0);
          expect(ticker?.lastEventAgeMs).toBeGreaterThanOrEqual(0);
          expect(venues[0].streams.map((stream) => stream.channel).sort()).toEqual([
            'funding',
            'mark',
            'ticker',
          ]);
          expect(venues[0].worker?.published).toBeGreaterThan(0);
          expect(venues[0].worker?.publishDropped).toBe(0);
        },
        { timeout: 15_000, interval: 250 },
      );
      stop.abort();
      await running;
      // The worker's last report says it stopped.
      await vi.waitFor(
        async () => expect((await market.invoke<VenueStatus[]>('getVenues'))[0]?.state).toBe('stopped'),
        { timeout: 10_000, interval: 250 },
      );
    } finally {
      stop.abort();
      await running;
      await server.stop();
    }
  });

  it('refuses bad flags with a usage error that names them', async () => {
    const base = { venue: 'binanceusdm', symbols: symbol, channels: 'ticker', bars: '', statusEvery: '0' };
    await expect(runVenueWorkerCommand({ ...base, venue: 'nowhere' }, { env: {} })).rejects.toThrow(
      /--venue "nowhere"/,
    );
    await expect(runVenueWorkerCommand({ ...base, channels: 'ticks' }, { env: {} })).rejects.toThrow(
      /--channels: "ticks"/,
    );
    await expect(runVenueWorkerCommand({ ...base, bars: '2m' }, { env: {} })).rejects.toThrow(/--bars: "2m"/);
    await expect(runVenueWorkerCommand(base, { env: {} })).rejects.toThrow(/REDIS_URL/);
    // Through the command line: a usage error is exit code 2.
    expect(await main(['worker', '--venue', 'binanceusdm', '--redis-url', redis.url])).toBe(2);
  });
});
