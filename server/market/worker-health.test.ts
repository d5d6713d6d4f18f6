// Worker health over a private redis-server: the reporter's beats and its last "stopped"
// report, the board reading them into getVenues' shape, a silent worker turned unreachable,
// and reports that do not parse dropped and counted.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { DropLog } from './drop-log';
import { PrivateRedis, redisServerAvailable } from './testing/private-redis';
import { venueStatusOfReport, workerHealthKey, type WorkerReport } from './worker-health';
import { WorkerHealthBoard } from './worker-health-board';
import { WorkerHealthReporter } from './worker-health-reporter';

const available = redisServerAvailable();
if (!available && process.env.CI === 'true')
  throw new Error('CI needs redis-server for the worker health tests');

const report: WorkerReport = {
  venue: 'bybit',
  label: 'Bybit',
  state: 'connecting',
  reason: 'socket closed',
  streams: [
    {
      symbol: 'BTC/USDT:USDT',
      channel: 'trades',
      stale: false,
      lastEventAtMs: 1_000_000,
      events: 40,
      dropped: 2,
      reconnects: 3,
      resyncs: 0,
    },
  ],
  reportedAtMs: 1_001_000,
  published: 40,
  publishDropped: 0,
  outbox: 5,
  bars: 1,
  lateTrades: 0,
};

describe('venueStatusOfReport', () => {
  it('fills in the ages and keeps the worker figures', () => {
    expect(venueStatusOfReport(report, 1_004_000)).toEqual({
      venue: 'bybit',
      label: 'Bybit',
      state: 'connecting',
      reason: 'socket closed',
      streams: [{ ...report.streams[0], lastEventAgeMs: 4_000 }],
      worker: {
        reportedAtMs: 1_001_000,
        reportAgeMs: 3_000,
        published: 40,
        publishDropped: 0,
        outbox: 5,
        bars: 1,
        lateTrades: 0,
      },
    });
  });

  it('turns a silent worker into an unreachable venue with stale streams', () => {
    const status = venueStatusOfReport(report, 1_001_000 + 12_000, 10_000);
    expect(status.state).toBe('unreachable');
    expect(status.reason).toBe('its worker has not reported for 12 s');
    expect(status.streams.map((stream) => stream.stale)).toEqual([true]);
    // A worker that said it stopped stays "stopped", however old its report.
    expect(venueStatusOfReport({ ...report, state: 'stopped' }, 9_999_999_999).state).toBe('stopped');
  });
});

describe.skipIf(!available)('worker health over Redis (private redis-server)', () => {
  let server: PrivateRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await PrivateRedis.start();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  const venue = (state: VenueStatus['state']): VenueStatus => ({
    venue: 'okx',
    label: 'OKX',
    state,
    reason: null,
    streams: [
      {
        symbol: 'BTC/USDT:USDT',
        channel: 'ticker',
        stale: state !== 'live',
        lastEventAtMs: 5_000,
        events: 7,
        dropped: 1,
        reconnects: 2,
        resyncs: 0,
      },
    ],
  });

  it('carries a report from the worker to the board, and "stopped" when the worker stops', async () => {
    const stream = `health-${Math.random().toString(36).slice(2)}`;
    let state: VenueStatus['state'] = 'live';
    let nowMs = 6_000;
    const reporter = new WorkerHealthReporter({
      redis,
      stream,
      venue: () => venue(state),
      stats: () => ({ published: 7, publishDropped: 0, outbox: 0, bars: 0, lateTrades: 0 }),
      everyMs: 3_600_000,
      now: () => nowMs,
    });
    const board = new WorkerHealthBoard({ redis, stream, everyMs: 3_600_000, now: () => nowMs });
    try {
      await reporter.report();
      await board.poll();
      expect(board.venues()).toEqual([
        {
          ...venue('live'),
          streams: [{ ...venue('live').streams[0], lastEventAgeMs: 1_000 }],
          worker: {
            reportedAtMs: 6_000,
            reportAgeMs: 0,
            published: 7,
            publishDropped: 0,
            outbox: 0,
            bars: 0,
            lateTrades: 0,
          },
        },
      ]);
      state = 'connecting';
      nowMs = 7_000;
      await reporter.report();
      await board.poll();
      expect(board.venues()[0]).toMatchObject({ state: 'connecting', worker: { reportedAtMs: 7_000 } });
      expect(board.venues()[0].streams[0]).toMatchObject({ stale: true, reconnects: 2 });
      await reporter.stop();
      await board.poll();
      expect(board.venues()[0].state).toBe('stopped');
      expect(reporter.reports).toBe(3);
      // One field per venue: the hash never grows with the number of reports.
      expect(await redis.hlen(workerHealthKey(stream))).toBe(1);
    } finally {
      await reporter.stop();
      await board.stop();
    }
  });

  it('drops and counts a report that does not parse, keeping the others', async () => {
    const stream = `health-${Math.random().toString(36).slice(2)}`;
    const key = workerHealthKey(stream);
    await redis.hset(key, 'bybit', JSON.stringify(report));
    await redis.hset(key, 'okx', '{"venue":"okx","state":"live"}');
    await redis.hset(key, 'kraken', 'not json');
    await redis.hset(key, 'deribit', JSON.stringify({ ...report, venue: 'binance' }));
    const dropLog = new DropLog({ logger: pino({ level: 'silent' }) });
    const board = new WorkerHealthBoard({ redis, stream, now: () => 1_002_000, dropLog });
    await board.poll();
    expect(board.venues().map((status) => status.venue)).toEqual(['bybit']);
    expect(dropLog.total('worker-health')).toBe(3);
  });
});
