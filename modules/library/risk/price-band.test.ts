import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { buy, sell } from './internal/test-intents';
import { priceBand } from './price-band';

describe('risk/price-band', () => {
  it('blocks a limit more than 2 % from the mark: |97.9 - 100| / 100 = 0.021', () => {
    const harness = createModuleHarness(priceBand, { maxDeviation: 0.02 });
    expect(
      harness.step({ in: buy(1, { orderType: 'limit', limitPrice: 98 }), mark: 100 }).outputs.blocked,
    ).toBe(false);
    const step = harness.step({ in: buy(1, { orderType: 'limit', limitPrice: 97.9 }), mark: 100 });
    expect(step.outputs.code).toBe(riskCodeNumber('PRICE_OUTSIDE_BAND'));
    const denial = (harness.state as { denial: { price: number; mark: number; deviation: number } }).denial;
    expect(denial.price).toBe(97.9);
    expect(denial.mark).toBe(100);
    expect(denial.deviation).toBeCloseTo(0.021, 12);
  });

  it("checks a stop's trigger price against the broker's mark", () => {
    const feed = testFeed({ mark: 50_000 });
    const harness = createModuleHarness(priceBand, { maxDeviation: 0.05 });
    const far = sell(1, { orderType: 'stop-market', triggerPrice: 40_000 });
    expect(harness.step({ in: far }, { trading: feed }).outputs.blocked).toBe(true);
  });

  it('passes market orders and cancels, and fails closed without a mark', () => {
    const harness = createModuleHarness(priceBand);
    expect(harness.step({ in: buy(1) }).outputs.blocked).toBe(false);
    expect(
      harness.step({ in: buy(1, { action: 'cancel', orderType: 'limit', limitPrice: 1 }) }).outputs.blocked,
    ).toBe(false);
    expect(harness.step({ in: buy(1, { orderType: 'limit', limitPrice: 1 }) }).outputs.code).toBe(
      riskCodeNumber('PRICE_MISSING'),
    );
  });
});
