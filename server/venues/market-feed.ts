// The market feed of the server: one connector per configured venue publishing to one market
// bus, a ticker board for MarketHub, and the stale query the risk gate asks before an order.
// With no venues configured it does nothing (no socket, no request): venues are opt-in.
import type { Logger } from 'pino';
import type { MarketStreamStatus, VenueStatus } from '@patchdesk/modules/contracts/hubs';
import type { MarketBus } from '../market/bus/market-bus';
import { DropLog } from '../market/drop-log';
import { CcxtConnector, describeError } from './ccxt-connector';
import { quirksOf } from './registry';
import { TickerBoard } from './ticker-board';
import { marketConfigSchema } from './venue-config';
import type { MarketConfig, StreamChannel } from './venue-config';
import type { VenueConnector } from './venue-connector';

/** Stale age of a stream received from a worker over the bus (a worker's own is configured). */
export const remoteStaleAfterMs = 10_000;

export interface MarketFeedOptions {
  config: unknown;
  bus: MarketBus;
  logger: Logger;
  now?: () => number;
  /** A hand-written connector for a venue ccxt does not have (EdgeX, Vest), by venue id. */
  customConnectors?: Record<string, (config: MarketConfig['venues'][number]) => VenueConnector>;
  /** Venues streamed by worker processes, as their health reports say (REDIS_URL). */
  workerVenues?: () => VenueStatus[];
}

export class MarketFeed {
  readonly board = new TickerBoard();
  readonly dropLog: DropLog;
  private readonly connectors: VenueConnector[] = [];
  /** Venues that could not even be set up (unknown id, no sandbox), reported like unreachable ones. */
  private readonly failed: VenueStatus[] = [];
  private readonly config: MarketConfig;
  private readonly now: () => number;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: MarketFeedOptions) {
    const parsed = marketConfigSchema.safeParse(options.config ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue.path.join('.') || 'config'}: ${issue.message}`);
    }
    this.config = parsed.data;
    this.now = options.now ?? Date.now;
    this.dropLog = new DropLog({ logger: options.logger, now: this.now });
  }

  start(): void {
    this.unsubscribe = this.options.bus.subscribe('ticker-board', (event) => {
      if (event.kind === 'ticker' || event.kind === 'mark' || event.kind === 'funding') {
        this.board.update(event);
      }
    });
    for (const venueConfig of this.config.venues) {
      try {
        const custom = this.options.customConnectors?.[venueConfig.venue];
        const connector = custom
          ? custom(venueConfig)
          : new CcxtConnector({
              config: venueConfig,
              bus: this.options.bus,
              dropLog: this.dropLog,
              logger: this.options.logger,
              now: this.now,
            });
        connector.start(venueConfig.subscriptions);
        this.connectors.push(connector);
      } catch (error) {
        const reason = describeError(error);
        this.options.logger.warn(
          { venue: venueConfig.venue },
          `venue ${venueConfig.venue} not started: ${reason}`,
        );
        this.failed.push({
          venue: venueConfig.venue,
          label: venueConfig.venue,
          state: 'unreachable',
          reason,
          streams: [],
        });
      }
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.all(this.connectors.map((connector) => connector.stop()));
  }

  venues(): VenueStatus[] {
    const live = this.connectors.map((connector): VenueStatus => {
      const health = connector.health();
      return {
        venue: health.venue,
        label: quirksOf(health.venue)?.label ?? health.venue,
        state: health.state,
        reason: health.reason,
        streams: health.streams.map((stream): MarketStreamStatus => ({
          symbol: stream.symbol,
          channel: stream.channel,
          stale: stream.stale,
          lastEventAtMs: stream.lastEventAtMs,
          events: stream.events,
          dropped: stream.dropped,
          reconnects: stream.reconnects,
          resyncs: stream.resyncs,
        })),
      };
    });
    const here = new Set([...live, ...this.failed].map((venue) => venue.venue));
    // A venue this server streams itself is shown from its own connector, never twice.
    const remote = (this.options.workerVenues?.() ?? []).filter((venue) => !here.has(venue.venue));
    return [...live, ...this.failed, ...remote];
  }

  /**
   * For the risk gate: true when the stream is stale, missing, or its venue is not configured.
   * An order on a symbol must be refused while this is true for the data it prices from.
   * A venue streamed by a worker process (its events arrive over the Redis bus, no connector
   * here) is judged by the age of the board's newest ticker, mark or funding event.
   */
  isStale(venue: string, symbol: string, channel: StreamChannel): boolean {
    const connector = this.connectors.find((candidate) => candidate.venue === venue);
    if (connector) return connector.isStale(symbol, channel);
    const row = this.board.row(venue, symbol);
    const event =
      channel === 'ticker'
        ? row?.ticker
        : channel === 'mark'
          ? row?.mark
          : channel === 'funding'
            ? row?.funding
            : null;
    return !event || this.now() - event.receivedAtMs > remoteStaleAfterMs;
  }
}
