import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { binanceBtc, testMarket, writeTick } from './internal/test-market';
import { funding } from './funding';

describe('sources/funding', () => {
  it('emits rate and next funding time on each funding update of its stream', () => {
    const market = testMarket();
    const harness = createModuleHarness(funding, { stream: 1 });
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, binanceBtc, [{ kind: 'funding', rate: 0.0001, nextFundingTimeMs: 1_700_000_000_000 }]);
    expect(harness.step({}, { market })).toMatchObject({
      emitted: true,
      outputs: { rate: 0.0001, nextFundingMs: 1_700_000_000_000 },
    });
    writeTick(market, binanceBtc, [{ kind: 'trade', price: 1, amount: 1, side: 'buy' }]);
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, binanceBtc, [{ kind: 'funding', rate: -0.00025, nextFundingTimeMs: null }]);
    const next = harness.step({}, { market });
    expect(next.outputs.rate).toBe(-0.00025);
    expect(next.outputs.nextFundingMs).toBeNaN();
    expect(createModuleHarness(funding).step({}).emitted).toBe(false);
  });
});
