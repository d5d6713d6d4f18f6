import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { bybitBtc, testMarket, writeTick } from './internal/test-market';
import { openInterest } from './open-interest';

describe('sources/open-interest', () => {
  it('emits contracts and value on each open-interest update of its stream', () => {
    const market = testMarket();
    const harness = createModuleHarness(openInterest, { stream: 2 });
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, bybitBtc, [{ kind: 'openInterest', amount: 52_000.5, value: 2_600_025_000 }]);
    expect(harness.step({}, { market }).outputs).toEqual({ amount: 52_000.5, value: 2_600_025_000 });
    writeTick(market, bybitBtc, [{ kind: 'openInterest', amount: 51_000, value: null }]);
    const next = harness.step({}, { market });
    expect(next.outputs.amount).toBe(51_000);
    expect(next.outputs.value).toBeNaN();
    expect(harness.step({}, { market }).emitted).toBe(false);
    expect(createModuleHarness(openInterest).step({}).emitted).toBe(false);
  });
});
