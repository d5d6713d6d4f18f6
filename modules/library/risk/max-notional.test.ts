import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { buy, sell } from './internal/test-intents';
import { maxNotional } from './max-notional';

describe('risk/max-notional', () => {
  it('values a market order at the price input: 0.2 x 50 000 = 10 000 passes, 0.21 blocks', () => {
    const harness = createModuleHarness(maxNotional, { maxNotional: 10_000 });
    expect(harness.step({ in: buy(0.2), price: 50_000 }).outputs.blocked).toBe(false);
    const step = harness.step({ in: sell(0.21), price: 50_000 });
    expect(step.outputs.code).toBe(riskCodeNumber('NOTIONAL_EXCEEDS_MAX'));
    expect((harness.state as { denial: { notional: number } }).denial.notional).toBeCloseTo(10_500, 9);
  });

  it("values a limit at its own price, and falls back to the broker's mark", () => {
    const harness = createModuleHarness(maxNotional, { maxNotional: 1_000 });
    // 10 x 99 = 990 passes although the price input says 200.
    expect(
      harness.step({ in: buy(10, { orderType: 'limit', limitPrice: 99 }), price: 200 }).outputs.blocked,
    ).toBe(false);
    const feed = testFeed({ mark: 101 });
    expect(harness.step({ in: buy(10), price: Number.NaN }, { trading: feed }).outputs.blocked).toBe(true);
  });

  it('blocks when there is no price at all, and passes reduce-only orders and cancels', () => {
    const harness = createModuleHarness(maxNotional);
    expect(harness.step({ in: buy(1) }).outputs.code).toBe(riskCodeNumber('PRICE_MISSING'));
    expect(harness.step({ in: sell(1_000, { reduceOnly: true }), price: 50_000 }).outputs.blocked).toBe(
      false,
    );
    expect(harness.step({ in: buy(1_000, { action: 'cancel' }), price: 50_000 }).outputs.blocked).toBe(false);
  });
});
