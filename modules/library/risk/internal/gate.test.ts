import { describe, expect, it } from 'vitest';
import { btc, testContext, testFeed } from '../../orders/internal/test-feed';
import { blockIntent, createGateEvent, isClosing, marketOf, passIntent, positionOf } from './gate';
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
    blockIntent(event, outputs, testContext(1_234, feed), denial, intent);
    expect(outputs).toEqual({ out: null, blocked: true, code: 6 });
    const drained = feed.outbox.drain();
    expect(drained.riskEvents).toEqual([{ atMs: 1_234, source: 'risk/test', denial, intent }]);
    // Without a broker the block is only on the ports.
    blockIntent(event, outputs, testContext(1_300), denial, intent);
    expect(outputs.blocked).toBe(true);
  });

  it("finds the broker's position and market for a symbol", () => {
    const feed = testFeed({ mark: 200, position: -2 });
    const feeds = { bar: null, trading: feed };
    expect(positionOf(feeds, btc)?.size).toBe(-2);
    expect(positionOf(feeds, 'ETH/USDT:USDT')).toBeUndefined();
    expect(positionOf({ bar: null }, btc)).toBeUndefined();
    expect(marketOf(feeds, btc)?.markPrice).toBe(200);
    expect(marketOf({ bar: null }, btc)).toBeUndefined();
  });

  it('knows a closing intent', () => {
    expect(isClosing(sell(1, { reduceOnly: true }))).toBe(true);
    expect(isClosing(buy(1, { action: 'cancel' }))).toBe(true);
    expect(isClosing(sell(1))).toBe(false);
  });
});
