// Bybit, OKX and Hyperliquid through ccxt against the fake venue: subscribe and receive trades
// with the aggressor side, a cut connection resubscribes, OKX resyncs its book after a
// sequence gap, a malformed frame is dropped with a log line, a 429 backs off.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookEvent, TradeEvent } from '../market/events';
import { FakeVenue } from './fake/fake-venue';
import type { FakeProtocol } from './fake/fake-venue';
import { BybitProtocol } from './fake/protocols/bybit';
import { HyperliquidProtocol } from './fake/protocols/hyperliquid';
import { OkxProtocol } from './fake/protocols/okx';
import { connectToFake } from './testing';
import type { ConnectorHarness } from './testing';

interface VenueCase {
  protocol: () => FakeProtocol;
  symbol: string;
  tradeTopic: string;
  /** A trade whose aggressor was the buyer (`buy` true) or the seller. */
  trade(protocol: FakeProtocol, id: number, price: number, buy: boolean): object;
}

const cases: Record<string, VenueCase> = {
  bybit: {
    protocol: () => new BybitProtocol(),
    symbol: 'BTC/USDT:USDT',
    tradeTopic: 'publicTrade.BTCUSDT',
    trade: (p, id, price, buy) =>
      (p as BybitProtocol).trade({ id: String(id), price, amount: 0.5, side: buy ? 'Buy' : 'Sell' }),
  },
  okx: {
    protocol: () => new OkxProtocol(),
    symbol: 'BTC/USDT:USDT',
    tradeTopic: 'trades:BTC-USDT-SWAP',
    trade: (p, id, price, buy) =>
      (p as OkxProtocol).trade({ id: String(id), price, amount: 0.5, side: buy ? 'buy' : 'sell' }),
  },
  hyperliquid: {
    protocol: () => new HyperliquidProtocol(),
    symbol: 'BTC/USDC:USDC',
    tradeTopic: 'trades:BTC',
    trade: (p, id, price, buy) =>
      (p as HyperliquidProtocol).trade({ id, price, amount: 0.5, side: buy ? 'B' : 'A' }),
  },
};

let fake: FakeVenue | null = null;
let harness: ConnectorHarness | null = null;

afterEach(async () => {
  await harness?.connector.stop();
  await fake?.close();
  harness = null;
  fake = null;
});

const tradesOf = (h: ConnectorHarness): TradeEvent[] =>
  h.events.filter((e): e is TradeEvent => e.kind === 'trade');

describe.each(Object.entries(cases))('%s through ccxt against the fake venue', (venue, c) => {
  async function setUp(): Promise<{ fake: FakeVenue; protocol: FakeProtocol; h: ConnectorHarness }> {
    const protocol = c.protocol();
    fake = await FakeVenue.start(protocol);
    harness = connectToFake(fake, [{ symbol: c.symbol, channel: 'trades' }]);
    await fake.waitForSubscription(c.tradeTopic);
    return { fake, protocol, h: harness };
  }

  it('subscribes and receives trades with the aggressor side', async () => {
    const { fake, protocol, h } = await setUp();
    fake.publish(c.tradeTopic, c.trade(protocol, 1, 50_000.5, true));
    fake.publish(c.tradeTopic, c.trade(protocol, 2, 50_001, false));
    await vi.waitFor(() => expect(tradesOf(h)).toHaveLength(2));
    expect(tradesOf(h).map((t) => [t.venue, t.symbol, t.tradeId, t.price, t.amount, t.side])).toEqual([
      [venue, c.symbol, '1', 50_000.5, 0.5, 'buy'],
      [venue, c.symbol, '2', 50_001, 0.5, 'sell'],
    ]);
    // Only the fake was asked: every request it saw is one we expect from loading markets.
    expect(fake.seen.every((line) => !/https?:\/\//.test(line))).toBe(true);
  });

  it('reconnects and resubscribes after the connection is cut', async () => {
    const { fake, protocol, h } = await setUp();
    fake.cutConnections();
    await fake.waitForSubscription(c.tradeTopic);
    expect(fake.connectionsOpened).toBe(2);
    await vi.waitFor(() => {
      fake.publish(c.tradeTopic, c.trade(protocol, 7, 100, true));
      expect(tradesOf(h).map((t) => t.tradeId)).toContain('7');
    });
    expect(h.connector.health().streams[0].reconnects).toBeGreaterThanOrEqual(1);
  });

  it('drops a malformed frame with a log line; the stream goes on', async () => {
    const { fake, protocol, h } = await setUp();
    fake.sendRaw('{"not json');
    await vi.waitFor(() => {
      fake.publish(c.tradeTopic, c.trade(protocol, 9, 100, true));
      expect(tradesOf(h).map((t) => t.tradeId)).toContain('9');
    });
    expect(h.dropLines.some((line) => /JSON/.test(line))).toBe(true);
    expect(h.connector.health().state).toBe('live');
  });
});

describe('okx order book', () => {
  it('resyncs after a sequence gap: ccxt refuses the update, we resubscribe, a new snapshot comes', async () => {
    const protocol = new OkxProtocol();
    fake = await FakeVenue.start(protocol);
    const h = (harness = connectToFake(fake, [{ symbol: 'BTC/USDT:USDT', channel: 'book' }]));
    await fake.waitForSubscription('books:BTC-USDT-SWAP');
    const books = (): BookEvent[] => h.events.filter((e): e is BookEvent => e.kind === 'book');
    await vi.waitFor(() => expect(books()).toHaveLength(1));
    fake.publish('books:BTC-USDT-SWAP', protocol.bookUpdate([[100, 4]], []));
    await vi.waitFor(() => expect(books().at(-1)?.bids[0]).toEqual([100, 4]));
    protocol.skipSequence();
    fake.publish('books:BTC-USDT-SWAP', protocol.bookUpdate([[99.5, 0]], []));
    await vi.waitFor(() => expect(protocol.snapshotsSent).toBe(2), { timeout: 5_000 });
    expect(h.connector.health().streams[0].resyncs).toBe(1);
    await vi.waitFor(() => expect(books().at(-1)?.sequence).toBeGreaterThan(books()[1].sequence));
  });
});

describe('bybit rate limit', () => {
  it('backs off after HTTP 418 and then loads markets', async () => {
    const protocol = new BybitProtocol();
    fake = await FakeVenue.start(protocol);
    fake.rateLimitNext(418, 1);
    harness = connectToFake(fake, [{ symbol: 'BTC/USDT:USDT', channel: 'trades' }]);
    await fake.waitForSubscription('publicTrade.BTCUSDT');
    expect(harness.logLines.some((line) => /unreachable/.test(line))).toBe(true);
    expect(harness.connector.health().state).toBe('live');
  });
});
