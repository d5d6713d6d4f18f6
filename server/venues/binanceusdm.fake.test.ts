import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookEvent, TradeEvent } from '../market/events';
import { FakeVenue } from './fake/fake-venue';
import { BinanceUsdmProtocol } from './fake/protocols/binanceusdm';
import { connectToFake } from './testing';
import type { ConnectorHarness } from './testing';

const symbol = 'BTC/USDT:USDT';
let fake: FakeVenue;
let protocol: BinanceUsdmProtocol;
let harness: ConnectorHarness | null = null;

async function setUp(subscriptions: Parameters<typeof connectToFake>[1]): Promise<ConnectorHarness> {
  protocol = new BinanceUsdmProtocol();
  fake = await FakeVenue.start(protocol);
  harness = connectToFake(fake, subscriptions);
  return harness;
}

afterEach(async () => {
  await harness?.connector.stop();
  harness = null;
  await fake?.close();
});

const trades = (h: ConnectorHarness): TradeEvent[] =>
  h.events.filter((e): e is TradeEvent => e.kind === 'trade');

describe('binanceusdm through ccxt against the fake venue', () => {
  it('subscribes and receives trades with the aggressor side, the venue time and ours', async () => {
    const h = await setUp([{ symbol, channel: 'trades' }]);
    await fake.waitForSubscription('btcusdt@trade');
    const timeMs = Date.now() - 5;
    fake.publish(
      'btcusdt@trade',
      protocol.trade({ id: 1, price: 42_000.5, amount: 0.25, buyerIsMaker: true, timeMs }),
    );
    fake.publish(
      'btcusdt@trade',
      protocol.trade({ id: 2, price: 42_001, amount: 1, buyerIsMaker: false, timeMs }),
    );
    await vi.waitFor(() => expect(trades(h)).toHaveLength(2));
    expect(trades(h)[0]).toMatchObject({
      venue: 'binanceusdm',
      symbol,
      tradeId: '1',
      price: 42_000.5,
      amount: 0.25,
      // "m": true = the buyer was the maker, so the seller took liquidity.
      side: 'sell',
      sideFrom: 'venue',
      exchangeTimeMs: timeMs,
    });
    expect(trades(h)[1].side).toBe('buy');
    expect(trades(h)[0].receivedAtMs).toBeGreaterThanOrEqual(timeMs);
    expect(h.connector.health()).toMatchObject({
      state: 'live',
      streams: [{ channel: 'trades', events: 2, stale: false }],
    });
    // Only the fake was contacted: markets from exchangeInfo, nothing else over REST.
    expect(fake.seen.filter((line) => !line.startsWith('WS '))).toEqual(['GET /fapi/v1/exchangeInfo']);
  });

  it('reconnects and resubscribes after the connection is cut mid-stream', async () => {
    const h = await setUp([{ symbol, channel: 'trades' }]);
    await fake.waitForSubscription('btcusdt@trade');
    fake.publish('btcusdt@trade', protocol.trade({ id: 1, price: 100, amount: 1, buyerIsMaker: false }));
    await vi.waitFor(() => expect(trades(h)).toHaveLength(1));
    fake.cutConnections();
    await fake.waitForSubscription('btcusdt@trade');
    expect(fake.connectionsOpened).toBe(2);
    await vi.waitFor(() => {
      fake.publish('btcusdt@trade', protocol.trade({ id: 2, price: 101, amount: 1, buyerIsMaker: false }));
      expect(trades(h).map((t) => t.tradeId)).toContain('2');
    });
    expect(h.connector.health().streams[0].reconnects).toBeGreaterThanOrEqual(1);
    expect(fake.seen.filter((line) => line.includes('SUBSCRIBE'))).toHaveLength(2);
  });

  it('maintains the book from a REST snapshot plus diffs and resyncs after a sequence gap', async () => {
    const h = await setUp([{ symbol, channel: 'book' }]);
    const topic = await waitForTopicStarting('btcusdt@depth');
    await vi.waitFor(() => expect(protocol.depthSnapshotsServed).toBe(1));
    fake.publish(topic, protocol.depthUpdate([[100, 4]], []));
    const books = (): BookEvent[] => h.events.filter((e): e is BookEvent => e.kind === 'book');
    await vi.waitFor(() => expect(books().at(-1)?.sequence).toBe(1_001));
    expect(books().at(-1)).toMatchObject({
      update: 'snapshot',
      sequence: 1_001,
      bids: [
        [100, 4],
        [99.5, 2],
      ],
      asks: [
        [100.5, 1],
        [101, 3],
      ],
    });

    protocol.skipSequence();
    fake.publish(topic, protocol.depthUpdate([[99.5, 0]], []));
    // The gap is detected, the stream resubscribes and a fresh snapshot is fetched (ccxt's rate
    // limiter spaces the two depth requests: weight 20 at limit=1000, so about a second).
    await vi.waitFor(() => expect(protocol.depthSnapshotsServed).toBe(2), { timeout: 10_000 });
    expect(h.connector.health().streams[0].resyncs).toBe(1);
    await vi.waitFor(
      () => {
        fake.publish(topic, protocol.depthUpdate([[98, 7]], []));
        expect(books().at(-1)?.bids).toContainEqual([98, 7]);
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(books().at(-1)?.bids).not.toContainEqual([99.5, 2]);
  });

  it('drops a malformed frame and a bad trade with a counted log line; the stream goes on', async () => {
    const h = await setUp([{ symbol, channel: 'trades' }]);
    await fake.waitForSubscription('btcusdt@trade');
    fake.sendRaw('{"e":"trade", this is not json');
    fake.sendRaw(JSON.stringify({ e: 'somethingElse', x: 1 }));
    const bad = [
      { ...protocol.trade({ id: 10, price: 100, amount: 1, buyerIsMaker: false }), p: 'abc' },
      protocol.trade({ id: 11, price: 100, amount: -1, buyerIsMaker: false }),
      protocol.trade({ id: 12, price: 100, amount: 1, buyerIsMaker: false, timeMs: Date.now() + 86_400_000 }),
      (({ q: _q, ...rest }) => rest)(
        protocol.trade({ id: 13, price: 100, amount: 1, buyerIsMaker: false }) as Record<string, unknown>,
      ),
      { ...protocol.trade({ id: 14, price: 100, amount: 1, buyerIsMaker: false }), s: 'NOPEUSDT' },
    ];
    // After each bad message a good one still comes through (ccxt hands over trades that
    // arrived while a watch call was being replaced with the next message, hence the resend).
    let good = 100;
    for (const message of bad) {
      fake.publish('btcusdt@trade', message);
      const id = String(good);
      await vi.waitFor(() => {
        fake.publish(
          'btcusdt@trade',
          protocol.trade({ id: good++, price: 100, amount: 1, buyerIsMaker: false }),
        );
        expect(trades(h).map((t) => t.tradeId)).toContain(id);
      });
    }
    expect(trades(h).every((t) => Number(t.tradeId) >= 100)).toBe(true);
    expect(h.dropLines.join('\n')).toMatch(/unparsable payload/);
    expect(h.dropLines.join('\n')).toMatch(/unknown market id NOPEUSDT/);
    expect(h.dropLines.join('\n')).toMatch(/onMessage JSON.parse/);
    expect(h.dropLines.join('\n')).toMatch(/amount/);
    expect(h.dropLines.join('\n')).toMatch(/future/);
    expect(h.connector.health().streams[0].dropped).toBeGreaterThanOrEqual(4);
    expect(h.connector.health().state).toBe('live');
  });

  it('backs off after a rate-limit answer (429) and then loads markets', async () => {
    protocol = new BinanceUsdmProtocol();
    fake = await FakeVenue.start(protocol);
    fake.rateLimitNext(429, 2);
    harness = connectToFake(fake, [{ symbol, channel: 'trades' }]);
    await vi.waitFor(() => expect(harness?.connector.health().state).toBe('unreachable'));
    expect(harness.connector.health().reason).toMatch(/RateLimitExceeded|DDoSProtection/);
    await fake.waitForSubscription('btcusdt@trade');
    expect(fake.seen.filter((line) => line === 'GET /fapi/v1/exchangeInfo')).toHaveLength(3);
    expect(harness.logLines.some((line) => /unreachable/.test(line))).toBe(true);
    expect(harness.connector.health().state).toBe('live');
  });
});

async function waitForTopicStarting(prefix: string): Promise<string> {
  await vi.waitFor(() => expect(fake.subscribedTopics().some((t) => t.startsWith(prefix))).toBe(true));
  return fake.subscribedTopics().find((t) => t.startsWith(prefix)) as string;
}
