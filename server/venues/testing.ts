// Test support: a connector wired to a fake venue, an in-process bus that records what it
// carries, and a drop log whose lines are kept for assertions.
import { InProcessBus } from '../market/bus/in-process-bus';
import { DropLog } from '../market/drop-log';
import type { MarketEvent } from '../market/events';
import { CcxtConnector } from './ccxt-connector';
import type { FakeVenue } from './fake/fake-venue';
import { venueConfigSchema } from './venue-config';
import type { Subscription, VenueConfigInput } from './venue-config';

export interface ConnectorHarness {
  connector: CcxtConnector;
  bus: InProcessBus;
  events: MarketEvent[];
  dropLines: string[];
  logLines: string[];
  dropLog: DropLog;
}

export function connectToFake(
  fake: FakeVenue,
  subscriptions: Subscription[],
  extra: Partial<VenueConfigInput> = {},
): ConnectorHarness {
  const bus = new InProcessBus();
  const events: MarketEvent[] = [];
  bus.subscribe('test', (event) => events.push(event));
  const dropLines: string[] = [];
  const logLines: string[] = [];
  const warn = (_fields: object, line: string): void => void dropLines.push(line);
  const dropLog = new DropLog({ logger: { warn: warn as never }, intervalMs: 0 });
  const logger = {
    info: (_fields: object, line: string) => logLines.push(line),
    warn: (_fields: object, line: string) => logLines.push(line),
  };
  const config = venueConfigSchema.parse({
    venue: fake.protocol.venue,
    baseUrl: { rest: fake.restUrl, ws: fake.wsUrl },
    backoff: { initialMs: 20, maxMs: 200, rateLimitedMs: 300 },
    timeoutMs: 3_000,
    ...extra,
  });
  const connector = new CcxtConnector({ config, bus, dropLog, logger: logger as never });
  connector.start(subscriptions);
  return { connector, bus, events, dropLines, logLines, dropLog };
}

/** Every request the fake saw came from our client: nothing else was contacted. */
export function requestsOnlyTo(fake: FakeVenue): string[] {
  return fake.seen;
}
