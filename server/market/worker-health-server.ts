// The server's worker-health board on a Redis connection of its own (the stream bus keeps its
// connections busy with blocking reads): started with the server when it has REDIS_URL.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import type { MarketRedisOptions } from './bus/create-market-bus';
import { DropLog } from './drop-log';
import { WorkerHealthBoard } from './worker-health-board';

export interface RunningWorkerHealthBoard {
  venues: () => VenueStatus[];
  stop: () => Promise<void>;
}

export function startWorkerHealthBoard(
  options: MarketRedisOptions,
  logger: Logger,
  everyMs?: number,
): RunningWorkerHealthBoard {
  const redis = new Redis(options.url, {
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  // Connection errors surface as failed polls, logged there at most once per interval.
  redis.on('error', () => undefined);
  const dropLog = new DropLog({ logger });
  const board = new WorkerHealthBoard({
    redis,
    stream: options.stream ?? 'patchdesk:market',
    ...(everyMs === undefined ? {} : { everyMs }),
    dropLog,
    onError: (error) =>
      dropLog.drop('worker-health poll', `worker health not read: ${(error as Error).message}`),
  });
  board.start();
  return {
    venues: () => board.venues(),
    async stop() {
      await board.stop();
      redis.disconnect();
    },
  };
}
