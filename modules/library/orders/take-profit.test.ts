import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { takeProfit } from './take-profit';

describe('orders/take-profit', () => {
  it('places a reduce-only take-profit at the target, moves it, and cancels it', () => {
    const harness = createModuleHarness(takeProfit, { quantity: 1 });
    const placed = { ...(harness.step({ trigger: true, targetPrice: 110 }).outputs.intent as OrderIntent) };
    expect(placed).toMatchObject({
      action: 'submit',
      orderType: 'take-profit',
      side: 'sell',
      triggerPrice: 110,
      reduceOnly: true,
    });
    expect(placed.limitPrice).toBeNaN();
    const moved = harness.step({ targetPrice: 112 }, { changed: ['targetPrice'] });
    expect(moved.outputs.intent).toMatchObject({ action: 'modify', triggerPrice: 112 });
    const cancelled = harness.step({ cancel: true }, { changed: ['cancel'] });
    expect(cancelled.outputs.intent).toMatchObject({ action: 'cancel' });
    expect(cancelled.outputs.orders).toBe(3);
  });
});
