import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { buy } from './internal/test-intents';
import { orderRateLimit } from './order-rate-limit';

describe('risk/order-rate-limit', () => {
  it('passes 3 orders per 10 s window and blocks the 4th until the oldest leaves it', () => {
    const harness = createModuleHarness(orderRateLimit, { maxOrders: 3, windowSeconds: 10 });
    const at = (timeMs: number) => harness.step({ in: buy(1) }, { timeMs }).outputs;
    expect([0, 1_000, 2_000].map((t) => at(t).blocked)).toEqual([false, false, false]);
    expect(at(9_999).code).toBe(riskCodeNumber('ORDER_RATE_EXCEEDS_MAX'));
    // Blocked orders do not count: at 10 000 the order from 0 is out of (0, 10 000].
    expect(at(10_000).blocked).toBe(false);
    expect(at(10_500).blocked).toBe(true);
    expect(at(11_000).blocked).toBe(false);
  });

  it('never blocks or counts a cancel', () => {
    const harness = createModuleHarness(orderRateLimit, { maxOrders: 1, windowSeconds: 60 });
    expect(harness.step({ in: buy(1) }, { timeMs: 0 }).outputs.blocked).toBe(false);
    expect(harness.step({ in: buy(1, { action: 'cancel' }) }, { timeMs: 1 }).outputs.blocked).toBe(false);
    expect(harness.step({ in: buy(1) }, { timeMs: 2 }).outputs.blocked).toBe(true);
  });
});
