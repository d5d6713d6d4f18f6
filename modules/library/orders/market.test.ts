import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { market } from './market';

describe('orders/market', () => {
  it('orders once per true trigger, with the params, at the tick time', () => {
    const harness = createModuleHarness(market, { side: 'sell', quantity: 0.25, reduceOnly: true });
    const fired = harness.step({ trigger: true }, { timeMs: 60_000 });
    expect(fired.emitted).toBe(true);
    expect(fired.outputs.orders).toBe(1);
    expect(fired.outputs.intent).toMatchObject({
      action: 'submit',
      side: 'sell',
      orderType: 'market',
      quantity: 0.25,
      reduceOnly: true,
      timeInForce: 'GTC',
      tag: 'orders/market',
      createdAtMs: 60_000,
    });
    expect((fired.outputs.intent as OrderIntent).limitPrice).toBeNaN();
  });

  it('does nothing on false, or on a true that did not emit this tick', () => {
    const harness = createModuleHarness(market);
    expect(harness.step({ trigger: false }).emitted).toBe(false);
    expect(harness.step({ trigger: true }, { changed: [] }).emitted).toBe(false);
    const second = harness.step({ trigger: true });
    expect(second.emitted).toBe(true);
    expect(second.outputs.orders).toBe(1);
    expect(harness.step({ trigger: true }).outputs.orders).toBe(2);
  });
});
