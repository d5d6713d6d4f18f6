import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { bracket } from './bracket';

describe('orders/bracket', () => {
  it('attaches the stop below and the target above a long entry', () => {
    const harness = createModuleHarness(bracket, {
      quantity: 0.1,
      stopLossFraction: 0.02,
      takeProfitFraction: 0.05,
    });
    const step = harness.step({ trigger: true, price: 50_000 });
    // 50 000 * 0.98 = 49 000; 50 000 * 1.05 = 52 500.
    expect(step.outputs.stopLoss).toBeCloseTo(49_000, 9);
    expect(step.outputs.takeProfit).toBeCloseTo(52_500, 9);
    const intent = { ...(step.outputs.intent as OrderIntent) };
    expect(intent).toMatchObject({ action: 'submit', side: 'buy', orderType: 'market', quantity: 0.1 });
    expect(intent.stopLossPrice).toBeCloseTo(49_000, 9);
    expect(intent.takeProfitPrice).toBeCloseTo(52_500, 9);
    expect(intent.limitPrice).toBeNaN();
  });

  it('mirrors the exits for a short limit entry', () => {
    const harness = createModuleHarness(bracket, { side: 'sell', entryType: 'limit' });
    const intent = { ...(harness.step({ trigger: true, price: 2_000 }).outputs.intent as OrderIntent) };
    // Defaults: stop 1 % above (2 020), target 2 % below (1 960).
    expect(intent).toMatchObject({ side: 'sell', orderType: 'limit', limitPrice: 2_000 });
    expect(intent.stopLossPrice).toBeCloseTo(2_020, 9);
    expect(intent.takeProfitPrice).toBeCloseTo(1_960, 9);
  });

  it('enters only on a true trigger with a price', () => {
    const harness = createModuleHarness(bracket);
    expect(harness.step({ trigger: false, price: 100 }).emitted).toBe(false);
    expect(harness.step({ trigger: true, price: Number.NaN }).emitted).toBe(false);
    expect(harness.step({ price: 100 }, { changed: ['price'] }).emitted).toBe(false);
    expect(harness.step({ trigger: true, price: 100 }).outputs.orders).toBe(1);
  });
});
