// A market worker for one venue: its connector streams normalised events (validated at the
// edge, as in the server) onto the Redis Streams bus, and a BarPublisher adds the closed bars
// it builds from the venue's trades. One process per venue (`patchdesk worker --venue`), so a
// venue's socket storms and ccxt's CPU stay out of the server; the server, recorders and
// aggregators read the stream.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MarketFeed } from '../venues/market-feed';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { BarPublisher } from './bar-publisher';
import { InProcessBus } from './bus/in-process-bus';
import { RedisStreamBus } from './bus/redis-stream-bus';
import type { Timeframe } from './timeframes';
import { WorkerHealthReporter } from './worker-health-reporter';

export interface VenueWorkerOptions {
  /** One venue's configuration (server/venues/venue-config.ts), validated here. */
  venue: unknown;
  redisUrl: string;
  stream?: string;
  /** Bars built from trades and published when they close; empty for none. */
  barTimeframes: readonly Timeframe[];
  barCloseGraceMs?: number;
  /** How often the worker's health goes to Redis for the server's getVenues (default 2 s). */
  healthEveryMs?: number;
  logger: Logger;
}

export interface VenueWorker {
  venue(): VenueStatus | undefined;
  stats(): { published: number; publishDropped: number; outbox: number; bars: number; lateTrades: number };
  stop(): Promise<void>;
}

export function startVenueWorker(options: VenueWorkerOptions): VenueWorker {
  const redis = new RedisStreamBus({
    url: options.redisUrl,
    ...(options.stream ? { stream: options.stream } : {}),
    onError: (what, error) => options.logger.warn({ err: error, what }, `Redis stream: ${what} failed`),
  });
  // The connector publishes synchronously to a local bus; Redis and the bars read from it.
  const local = new InProcessBus((consumer, error) =>
    options.logger.warn({ err: error, consumer }, 'venue worker consumer failed'),
  );
  local.subscribe('redis', (event) => redis.publish(event));
  const bars =
    options.barTimeframes.length > 0
      ? new BarPublisher({
          source: local,
          target: redis,
          timeframes: options.barTimeframes,
          ...(options.barCloseGraceMs === undefined ? {} : { closeGraceMs: options.barCloseGraceMs }),
        })
      : null;
  let feed: MarketFeed;
  try {
    feed = new MarketFeed({ config: { venues: [options.venue] }, bus: local, logger: options.logger });
  } catch (error) {
    bars?.stop();
    void redis.close();
    throw error;
  }
  feed.start();
  const stats = (): ReturnType<VenueWorker['stats']> => {
    const redisStats = redis.stats();
    return {
      published: redisStats.published,
      publishDropped: redisStats.publishDropped,
      outbox: redisStats.outbox,
      bars: bars?.barsPublished ?? 0,
      lateTrades: bars?.lateTrades ?? 0,
    };
  };
  // Health goes on a connection of its own: a long outbox flush never delays a beat.
  const healthRedis = new Redis(options.redisUrl, {
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  healthRedis.on('error', () => undefined);
  const health = new WorkerHealthReporter({
    redis: healthRedis,
    stream: redis.stream,
    venue: () => feed.venues()[0],
    stats,
    ...(options.healthEveryMs === undefined ? {} : { everyMs: options.healthEveryMs }),
    onError: (error) => options.logger.warn({ err: error }, 'worker health report failed'),
  });
  return {
    venue: () => feed.venues()[0],
    stats,
    async stop() {
      await feed.stop();
      bars?.stop();
      // The last report says "stopped", so the server does not wait for it to go silent.
      await health.stop();
      healthRedis.disconnect();
      // close() flushes what is still in the outbox before disconnecting.
      await redis.close();
    },
  };
}
