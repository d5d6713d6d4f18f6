import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { stop } from './stop';

function intentOf(outputs: Record<string, unknown>): OrderIntent {
  return { ...(outputs.intent as OrderIntent) };
}

describe('orders/stop', () => {
  it('places a reduce-only sell stop-market at the stop price and trails it', () => {
    const harness = createModuleHarness(stop, { quantity: 2 });
    const placed = intentOf(harness.step({ trigger: true, stopPrice: 95 }).outputs);
    expect(placed).toMatchObject({
      action: 'submit',
      orderType: 'stop-market',
      side: 'sell',
      quantity: 2,
      triggerPrice: 95,
      reduceOnly: true,
    });
    expect(placed.limitPrice).toBeNaN();
    expect(intentOf(harness.step({ stopPrice: 96 }, { changed: ['stopPrice'] }).outputs)).toMatchObject({
      action: 'modify',
      triggerPrice: 96,
    });
    // A limit price input means nothing to a stop-market: no modify.
    expect(harness.step({ limitPrice: 90 }, { changed: ['limitPrice'] }).emitted).toBe(false);
  });

  it('as stop-limit needs both prices, and re-prices on either', () => {
    const harness = createModuleHarness(stop, { orderType: 'stop-limit', side: 'buy', reduceOnly: false });
    expect(harness.step({ trigger: true, stopPrice: 105 }).emitted).toBe(false);
    const placed = intentOf(harness.step({ trigger: true, stopPrice: 105, limitPrice: 106 }).outputs);
    expect(placed).toMatchObject({
      orderType: 'stop-limit',
      side: 'buy',
      triggerPrice: 105,
      limitPrice: 106,
    });
    expect(intentOf(harness.step({ limitPrice: 107 }, { changed: ['limitPrice'] }).outputs)).toMatchObject({
      action: 'modify',
      triggerPrice: 105,
      limitPrice: 107,
    });
  });
});
