import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { createTradingFeed } from '../../sdk/trading-feed';
import { btc, btcInstrument, testFeed } from '../orders/internal/test-feed';
import { buy, sell } from '../risk/internal/test-intents';
import { broker } from './broker';

describe('sinks/broker', () => {
  it("puts valid intents in the run's outbox, from every input, in input order", () => {
    const feed = testFeed();
    const harness = createModuleHarness(broker);
    const first = buy(0.01);
    const second = sell(0.02, { orderType: 'limit', limitPrice: 50_100 });
    const step = harness.step({ a: first, c: second }, { trading: feed });
    expect(step.outputs).toEqual({ sent: 2, refused: 0, code: 0 });
    const { intents, riskEvents } = feed.outbox.drain();
    expect(intents).toEqual([first, second]);
    // Copies: the modules may reuse their intent objects on the next tick.
    expect(intents[0]).not.toBe(first);
    expect(intents[0].slot).toBe(first.slot);
    expect(riskEvents).toEqual([]);
  });

  it.each([
    ['a zero quantity', buy(0), 'QUANTITY_NOT_POSITIVE'],
    ['a negative quantity', buy(-1), 'QUANTITY_NOT_POSITIVE'],
    ['a NaN quantity', buy(Number.NaN), 'QUANTITY_NOT_POSITIVE'],
    ['a limit with a NaN price', buy(1, { orderType: 'limit' }), 'PRICE_NOT_FINITE'],
    ['a stop without a trigger', sell(1, { orderType: 'stop-market' }), 'PRICE_NOT_FINITE'],
    ['an unknown symbol', buy(1, { symbol: 'DOGE/USDT:USDT' }), 'SYMBOL_UNKNOWN'],
    ['a size below the minimum', buy(0.0005), 'QUANTITY_BELOW_MIN'],
    [
      'a notional below the minimum',
      buy(0.001, { orderType: 'limit', limitPrice: 1_000 }),
      'NOTIONAL_BELOW_MIN',
    ],
  ] as const)('refuses %s with its reason, as a risk event, and keeps going', (_what, intent, code) => {
    const feed = testFeed();
    const harness = createModuleHarness(broker);
    const step = harness.step({ a: intent }, { trading: feed, timeMs: 42 });
    expect(step.outputs).toEqual({ sent: 0, refused: 1, code: riskCodeNumber(code) });
    const { intents, riskEvents } = feed.outbox.drain();
    expect(intents).toEqual([]);
    expect(riskEvents).toHaveLength(1);
    expect(riskEvents[0]).toMatchObject({ atMs: 42, source: 'sinks/broker', denial: { code } });
    // The next good intent goes through and clears the code.
    expect(harness.step({ a: buy(0.01) }, { trading: feed }).outputs).toEqual({
      sent: 1,
      refused: 1,
      code: 0,
    });
  });

  it('refuses two bad intents in one tick with two separate events', () => {
    const feed = testFeed();
    const harness = createModuleHarness(broker);
    harness.step({ a: buy(0), b: buy(1, { symbol: 'X' }) }, { trading: feed });
    const { riskEvents } = feed.outbox.drain();
    expect(riskEvents.map((event) => event.denial.code)).toEqual(['QUANTITY_NOT_POSITIVE', 'SYMBOL_UNKNOWN']);
  });

  it('drops every intent without a broker (NO_BROKER), after the checks it can still make', () => {
    const harness = createModuleHarness(broker);
    expect(harness.step({ a: buy(1) }).outputs).toEqual({
      sent: 0,
      refused: 1,
      code: riskCodeNumber('NO_BROKER'),
    });
    expect(harness.step({ a: buy(0) }).outputs.code).toBe(riskCodeNumber('QUANTITY_NOT_POSITIVE'));
  });

  it('refuses what does not fit in the outbox this tick', () => {
    const feed = createTradingFeed({ symbol: btc, instruments: [btcInstrument], outboxCapacity: 1 });
    const harness = createModuleHarness(broker);
    const step = harness.step({ a: buy(0.01), b: buy(0.01) }, { trading: feed });
    expect(step.outputs).toEqual({ sent: 1, refused: 1, code: riskCodeNumber('OUTBOX_FULL') });
    const drained = feed.outbox.drain();
    expect(drained.intents).toHaveLength(1);
    expect(drained.riskEvents[0].denial).toEqual({ code: 'OUTBOX_FULL', capacity: 1 });
  });

  it('ignores null intents (a blocked gate) and inputs that did not emit', () => {
    const harness = createModuleHarness(broker);
    expect(harness.step({ a: null }).emitted).toBe(false);
    expect(harness.step({ a: buy(1) }, { changed: [] }).emitted).toBe(false);
  });
});
