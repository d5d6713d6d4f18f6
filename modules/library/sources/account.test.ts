import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { account } from './account';

describe('sources/account', () => {
  it('emits NaN once without a broker', () => {
    const harness = createModuleHarness(account);
    const first = harness.step({});
    expect(first.emitted).toBe(true);
    expect(first.outputs.equity).toBeNaN();
    expect(harness.step({}).emitted).toBe(false);
  });

  it('emits equity, free margin and margin ratio when the account version moved', () => {
    const feed = testFeed({ equity: 10_000 });
    Object.assign(feed.account, { freeMargin: 8_000, marginRatio: 0.02 });
    const harness = createModuleHarness(account);
    expect(harness.step({}, { trading: feed }).outputs).toEqual({
      equity: 10_000,
      freeMargin: 8_000,
      marginRatio: 0.02,
    });
    feed.account.equity = 9_500;
    expect(harness.step({}, { trading: feed }).emitted).toBe(false);
    feed.version++;
    expect(harness.step({}, { trading: feed }).outputs.equity).toBe(9_500);
  });
});
