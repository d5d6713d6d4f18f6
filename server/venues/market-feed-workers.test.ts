// MarketFeed.venues() with venues reported by worker processes: they follow the server's own,
// and a venue the server streams itself is shown once, from its own connector.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { InProcessBus } from '../market/bus/in-process-bus';
import { MarketFeed } from './market-feed';
import type { VenueConnector } from './venue-connector';

const reported = (venue: string): VenueStatus => ({
  venue,
  label: venue,
  state: 'live',
  reason: null,
  streams: [],
  worker: {
    reportedAtMs: 1,
    reportAgeMs: 0,
    published: 3,
    publishDropped: 0,
    outbox: 0,
    bars: 0,
    lateTrades: 0,
  },
});

function ownConnector(venue: string): VenueConnector {
  return {
    venue,
    start: () => undefined,
    stop: async () => undefined,
    health: () => ({ venue, state: 'connecting', reason: null, streams: [] }),
    isStale: () => true,
  };
}

describe('MarketFeed with worker-reported venues', () => {
  it('lists its own venues first and never a venue twice', async () => {
    const feed = new MarketFeed({
      config: { venues: [{ venue: 'edgex', subscriptions: [] }] },
      bus: new InProcessBus(() => undefined),
      logger: pino({ level: 'silent' }),
      customConnectors: { edgex: () => ownConnector('edgex') },
      workerVenues: () => [reported('okx'), reported('edgex')],
    });
    feed.start();
    try {
      const venues = feed.venues();
      expect(venues.map((venue) => [venue.venue, venue.state, venue.worker === undefined])).toEqual([
        ['edgex', 'connecting', true],
        ['okx', 'live', false],
      ]);
    } finally {
      await feed.stop();
    }
  });
});
