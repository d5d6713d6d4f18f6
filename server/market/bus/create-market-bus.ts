// The server's market bus: in-process by default; with a Redis URL (REDIS_URL for `npm start`)
// the Redis Streams bus, so the server's consumers (the ticker board behind MarketHub) read the
// stream the venue workers (`venue-worker.ts`) write. Tests pass the URL and a stream of their
// own; the environment is read by the command line, never here.
import type { Logger } from 'pino';
import { InProcessBus } from './in-process-bus';
import type { MarketBus } from './market-bus';
import { RedisStreamBus } from './redis-stream-bus';

export interface MarketRedisOptions {
  url: string;
  /** Stream key, default `patchdesk:market` (the workers' default too). */
  stream?: string;
}

export function createMarketBus(redis: MarketRedisOptions | null | undefined, logger: Logger): MarketBus {
  if (!redis) {
    return new InProcessBus((consumer, error) =>
      logger.warn({ err: error, consumer }, 'market bus consumer failed'),
    );
  }
  return new RedisStreamBus({
    url: redis.url,
    ...(redis.stream ? { stream: redis.stream } : {}),
    onError: (what, error) => logger.warn({ err: error, what }, `market bus (Redis): ${what} failed`),
  });
}
