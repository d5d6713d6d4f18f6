import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { buy, sell } from './internal/test-intents';
import { maxLeverage } from './max-leverage';

describe('risk/max-leverage', () => {
  it('blocks above the max: (0.5 + 0.2) x 40 000 / 10 000 = 2.8x', () => {
    const harness = createModuleHarness(maxLeverage, { maxLeverage: 2.5 });
    const step = harness.step({ in: buy(0.2), price: 40_000, position: 0.5, equity: 10_000 });
    expect(step.outputs.code).toBe(riskCodeNumber('LEVERAGE_EXCEEDS_MAX'));
    expect((harness.state as { denial: { leverage: number } }).denial.leverage).toBeCloseTo(2.8, 12);
    // 0.1 more is 2.4x: passes.
    expect(harness.step({ in: buy(0.1), price: 40_000, position: 0.5, equity: 10_000 }).outputs.blocked).toBe(
      false,
    );
  });

  it('reads price, position and equity from the broker when unconnected', () => {
    // Short 1 at mark 3 000 on equity 1 000 is 3x; selling 0.1 more makes 3.3x.
    const feed = testFeed({ mark: 3_000, equity: 1_000, position: -1 });
    const harness = createModuleHarness(maxLeverage, { maxLeverage: 3.2 });
    expect(harness.step({ in: sell(0.1) }, { trading: feed }).outputs.blocked).toBe(true);
    expect(harness.step({ in: buy(0.5) }, { trading: feed }).outputs.blocked).toBe(false);
  });

  it('fails closed without equity or price, but never blocks a closing order', () => {
    const harness = createModuleHarness(maxLeverage);
    expect(harness.step({ in: buy(1), price: 100 }).outputs.code).toBe(riskCodeNumber('EQUITY_MISSING'));
    expect(harness.step({ in: buy(1), price: Number.NaN, equity: 1_000 }).outputs.code).toBe(
      riskCodeNumber('PRICE_MISSING'),
    );
    expect(harness.step({ in: sell(1), position: 2 }).outputs.blocked).toBe(false);
  });
});
