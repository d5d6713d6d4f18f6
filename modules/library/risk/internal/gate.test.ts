import { describe, expect, it } from 'vitest';
import { testFeed } from '../../orders/internal/test-feed';
import {
  blockIntent,
  createGateEvent,
  currentPosition,
  orderPrice,
  passIntent,
  reducesExposure,
  referencePrice,
  signedQuantity,
} from './gate';
import type { GateOutputs } from './gate';
import { buy, sell } from './test-intents';

describe('gate helpers', () => {
  it('pass forwards the intent; block nulls it, sets the code and reports a risk event', () => {
    const outputs: GateOutputs = { out: null, blocked: true, code: 9 };
    const intent = buy(1);
    passIntent(outputs, intent);
    expect(outputs).toEqual({ out: intent, blocked: false, code: 0 });
    const feed = testFeed();
    const event = createGateEvent('risk/test');
    const denial = { code: 'POSITION_EXCEEDS_MAX' as const, position: 3, max: 2 };
    blockIntent(event, outputs, { bar: null, trading: feed }, 1_234, denial, intent);
    expect(outputs).toEqual({ out: null, blocked: true, code: 6 });
    const drained = feed.outbox.drain();
    expect(drained.riskEvents).toEqual([{ atMs: 1_234, source: 'risk/test', denial, intent }]);
    // Without a broker the block is only on the ports.
    blockIntent(event, outputs, { bar: null }, 1_300, denial, intent);
    expect(outputs.blocked).toBe(true);
  });

  it('reads position and prices from the input first, then the feed', () => {
    const feed = testFeed({ mark: 200, position: -2 });
    const feeds = { bar: null, trading: feed };
    expect(currentPosition(5, feeds, 'BTC/USDT:USDT')).toBe(5);
    expect(currentPosition(Number.NaN, feeds, 'BTC/USDT:USDT')).toBe(-2);
    expect(currentPosition(Number.NaN, feeds, 'ETH/USDT:USDT')).toBe(0);
    expect(currentPosition(Number.NaN, { bar: null }, 'BTC/USDT:USDT')).toBe(0);
    expect(referencePrice(150, feeds, 'BTC/USDT:USDT')).toBe(150);
    expect(referencePrice(Number.NaN, feeds, 'BTC/USDT:USDT')).toBe(200);
    expect(referencePrice(Number.NaN, { bar: null }, 'BTC/USDT:USDT')).toBeNaN();
  });

  it('knows an order price, a signed size and when exposure does not grow', () => {
    expect(orderPrice(buy(1, { orderType: 'limit', limitPrice: 99 }))).toBe(99);
    expect(orderPrice(sell(1, { orderType: 'stop-market', triggerPrice: 90 }))).toBe(90);
    expect(orderPrice(buy(1))).toBeNaN();
    expect(signedQuantity(sell(2))).toBe(-2);
    expect(reducesExposure(sell(1), 2)).toBe(true);
    expect(reducesExposure(sell(4), 2)).toBe(true); // 2 -> -2: no larger
    expect(reducesExposure(sell(5), 2)).toBe(false);
    expect(reducesExposure(buy(1), 0)).toBe(false);
    expect(reducesExposure(buy(1, { reduceOnly: true }), 0)).toBe(true);
    expect(reducesExposure(buy(1, { action: 'cancel' }), 0)).toBe(true);
  });
});
