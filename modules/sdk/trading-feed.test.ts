import { describe, expect, it } from 'vitest';
import { btc, btcInstrument } from '../library/orders/internal/test-feed';
import { buy } from '../library/risk/internal/test-intents';
import {
  OrderOutbox,
  createTradingFeed,
  markPriceOf,
  outboxCapacityMax,
  positionFor,
  positionSizeOf,
} from './trading-feed';

describe('trading feed', () => {
  it('starts flat with unknown equity and marks, and refuses a run symbol with no instrument', () => {
    const feed = createTradingFeed({ symbol: btc, instruments: [btcInstrument] });
    expect(positionSizeOf(feed, btc)).toBe(0);
    expect(markPriceOf(feed, btc)).toBeNaN();
    expect(feed.account.equity).toBeNaN();
    expect(positionSizeOf(null, btc)).toBe(0);
    expect(() => createTradingFeed({ symbol: 'ETH/USDT:USDT', instruments: [btcInstrument] })).toThrow(
      /ETH\/USDT:USDT.*no instrument/,
    );
  });

  it('creates a position once and updates it in place', () => {
    const feed = createTradingFeed({ symbol: btc, instruments: [btcInstrument] });
    const position = positionFor(feed, btc);
    position.size = 2;
    expect(positionFor(feed, btc)).toBe(position);
    expect(positionSizeOf(feed, btc)).toBe(2);
  });
});

describe('OrderOutbox', () => {
  it('keeps up to its capacity per tick, counts the rest, and drains copies in order', () => {
    const outbox = new OrderOutbox(2);
    const intent = buy(1);
    expect([outbox.pushIntent(intent), outbox.pushIntent(buy(2)), outbox.pushIntent(buy(3))]).toEqual([
      true,
      true,
      false,
    ]);
    const event = { atMs: 5, source: 'risk/x', denial: { code: 'KILL_SWITCH_ON' as const }, intent };
    outbox.pushRiskEvent(event);
    const drained = outbox.drain();
    expect(drained.intents.map((i) => i.quantity)).toEqual([1, 2]);
    expect(drained.intents[0]).not.toBe(intent);
    expect(drained.riskEvents).toEqual([event]);
    expect(drained.riskEvents[0].denial).not.toBe(event.denial);
    // The originals may now be reused by their modules without changing what was drained.
    intent.quantity = 99;
    expect(drained.riskEvents[0].intent?.quantity).toBe(1);
    expect(outbox.intentsDropped).toBe(1);
    expect(outbox.drain()).toEqual({ intents: [], riskEvents: [] });
    expect(outbox.intents.every((slot) => slot === null)).toBe(true);
  });

  it('has a bounded capacity', () => {
    expect(() => new OrderOutbox(0)).toThrow(/capacity/);
    expect(() => new OrderOutbox(outboxCapacityMax + 1)).toThrow(/capacity/);
  });
});
