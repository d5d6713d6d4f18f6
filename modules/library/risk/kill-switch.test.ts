import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { buy, sell } from './internal/test-intents';
import { killSwitch } from './kill-switch';

describe('risk/kill-switch', () => {
  it('blocks while the held kill input is on, letting closes and cancels through', () => {
    const harness = createModuleHarness(killSwitch);
    expect(harness.step({ in: buy(1) }).outputs.blocked).toBe(false);
    harness.step({ kill: true }, { changed: ['kill'] });
    // The kill value is held: an intent on a later tick is still blocked.
    expect(harness.step({ in: buy(1) }).outputs.code).toBe(riskCodeNumber('KILL_SWITCH_ON'));
    expect(harness.step({ in: sell(1, { reduceOnly: true }) }).outputs.blocked).toBe(false);
    expect(harness.step({ in: buy(1, { action: 'cancel' }) }).outputs.blocked).toBe(false);
  });

  it("obeys the run's kill switch, and can block reduce-only orders too", () => {
    const feed = testFeed();
    feed.killSwitch = true;
    const harness = createModuleHarness(killSwitch, { allowReduceOnly: false });
    expect(harness.step({ in: sell(1, { reduceOnly: true }) }, { trading: feed }).outputs.blocked).toBe(true);
    feed.killSwitch = false;
    expect(harness.step({ in: buy(1) }, { trading: feed }).outputs.blocked).toBe(false);
  });
});
