// `patchdesk worker --venue <id>`: a market worker for one venue, streaming its normalised events and the bars built
// from its trades onto the Redis Streams bus (REDIS_URL) until SIGINT or SIGTERM. The venue's
// subscriptions come from the flags, or from its entry in a venues file (PATCHDESK_VENUES's
// format) for anything finer (per-stream timeframes, options, stale times).
import type { Command } from 'commander';
import pino from 'pino';
import { isTimeframe } from '../../market/timeframes';
import type { Timeframe } from '../../market/timeframes';
import { startVenueWorker } from '../../market/venue-worker';
import type { VenueWorker } from '../../market/venue-worker';
import { quirksOf } from '../../venues/registry';
import { streamChannels } from '../../venues/venue-config';
import { readVenuesFile } from '../../venues/venues-file';
import { CliError, exitCodes } from '../cli-error';
import { writeOut } from '../output';

export interface VenueWorkerCommandOptions {
  venue: string;
  symbols?: string;
  channels: string;
  bars: string;
  baseUrl?: string;
  wsUrl?: string;
  config?: string;
  redisUrl?: string;
  stream?: string;
  /** Seconds between status lines on stdout; 0 for none. */
  statusEvery: string;
}

/** Adds the worker's options to `command` (so `worker --venue` can take them over). */
export function addVenueWorkerOptions(command: Command): Command {
  return command
    .option('--venue <id>', 'ccxt venue id to stream (e.g. binanceusdm)')
    .option('--symbols <list>', 'comma-separated unified symbols (e.g. BTC/USDT:USDT,ETH/USDT:USDT)')
    .option(
      '--channels <list>',
      `comma-separated channels: ${streamChannels.join(', ')}`,
      'trades,ticker,mark,funding',
    )
    .option('--bars <list>', 'bar timeframes built from trades, comma-separated ("" for none)', '1m,5m,1h')
    .option('--base-url <url>', "the venue's REST API at another address (a proxy, a test server)")
    .option('--ws-url <url>', "the venue's WebSocket API at another address")
    .option(
      '--config <file>',
      "a venues file (PATCHDESK_VENUES's format): the venue's entry replaces the flags",
    )
    .option('--redis-url <url>', 'Redis for the market stream (default REDIS_URL)')
    .option('--stream <key>', 'Redis stream key (default PATCHDESK_MARKET_STREAM or patchdesk:market)')
    .option('--status-every <seconds>', 'print a status line this often (0: never)', '30');
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The venue's configuration from the flags or the venues file; usage errors name the flag. */
export async function venueConfigFromOptions(options: VenueWorkerCommandOptions): Promise<unknown> {
  if (!options.venue)
    throw new CliError('--venue is required (a ccxt venue id such as binanceusdm)', exitCodes.usage);
  if (!quirksOf(options.venue))
    throw new CliError(
      `--venue "${options.venue}" is not a venue PatchDesk knows (see server/venues/README.md)`,
      exitCodes.usage,
    );
  if (options.config) {
    const file = (await readVenuesFile(options.config)) as { venues?: { venue?: unknown }[] };
    const entry = Array.isArray(file?.venues)
      ? file.venues.find((item) => item?.venue === options.venue)
      : undefined;
    if (!entry) throw new CliError(`--config has no entry for venue "${options.venue}"`, exitCodes.usage);
    return entry;
  }
  const symbols = splitList(options.symbols);
  if (symbols.length === 0) throw new CliError('--symbols is required without --config', exitCodes.usage);
  const channels = splitList(options.channels);
  for (const channel of channels) {
    if (!(streamChannels as readonly string[]).includes(channel))
      throw new CliError(
        `--channels: "${channel}" is not one of ${streamChannels.join(', ')}`,
        exitCodes.usage,
      );
  }
  const baseUrl = {
    ...(options.baseUrl ? { rest: options.baseUrl } : {}),
    ...(options.wsUrl ? { ws: options.wsUrl } : {}),
  };
  return {
    venue: options.venue,
    subscriptions: symbols.flatMap((symbol) => channels.map((channel) => ({ symbol, channel }))),
    ...(Object.keys(baseUrl).length > 0 ? { baseUrl } : {}),
  };
}

export function barTimeframesFrom(text: string): Timeframe[] {
  const list = splitList(text);
  for (const item of list) {
    if (!isTimeframe(item))
      throw new CliError(`--bars: "${item}" is not one of 1s, 1m, 5m, 15m, 1h, 4h, 1d`, exitCodes.usage);
  }
  return list as Timeframe[];
}

/**
 * Starts the worker and resolves when it has stopped: on SIGINT/SIGTERM, or when `signal`
 * aborts (tests). `env` gives REDIS_URL and PATCHDESK_MARKET_STREAM.
 */
export async function runVenueWorkerCommand(
  options: VenueWorkerCommandOptions,
  context: { env?: NodeJS.ProcessEnv; signal?: AbortSignal; onStarted?: (worker: VenueWorker) => void } = {},
): Promise<void> {
  const env = context.env ?? process.env;
  const venue = await venueConfigFromOptions(options);
  const barTimeframes = barTimeframesFrom(options.bars);
  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  if (!redisUrl)
    throw new CliError('a venue worker needs Redis: set REDIS_URL or pass --redis-url', exitCodes.usage);
  if (!/^rediss?:\/\/\S+$/.test(redisUrl))
    throw new CliError('--redis-url must be a redis:// URL', exitCodes.usage);
  const statusEveryS = Number(options.statusEvery);
  if (!Number.isInteger(statusEveryS) || statusEveryS < 0 || statusEveryS > 86_400)
    throw new CliError('--status-every must be whole seconds from 0 to 86400', exitCodes.usage);
  const logger = pino({ level: env.PATCHDESK_LOG_LEVEL ?? 'info', base: { worker: options.venue } });
  let worker: VenueWorker;
  try {
    worker = startVenueWorker({
      venue,
      redisUrl,
      stream: options.stream ?? env.PATCHDESK_MARKET_STREAM,
      barTimeframes,
      logger,
    });
  } catch (error) {
    // The venue configuration was refused: its message names the field.
    throw new CliError(`the venue configuration is invalid: ${(error as Error).message}`, exitCodes.usage);
  }
  context.onStarted?.(worker);
  writeOut(`venue worker for ${options.venue} started`);
  const status =
    statusEveryS > 0 ? setInterval(() => writeOut(statusLine(worker)), statusEveryS * 1000) : null;
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    context.signal?.addEventListener('abort', stop, { once: true });
    if (context.signal?.aborted) stop();
  });
  if (status) clearInterval(status);
  await worker.stop();
  writeOut(`venue worker for ${options.venue} stopped: ${statusLine(worker)}`);
}

function statusLine(worker: VenueWorker): string {
  const stats = worker.stats();
  const venue = worker.venue();
  return (
    `${venue?.venue ?? '?'} ${venue?.state ?? '?'}: ${stats.published} events published, ` +
    `${stats.bars} bars, ${stats.outbox} waiting, ${stats.publishDropped} dropped`
  );
}
