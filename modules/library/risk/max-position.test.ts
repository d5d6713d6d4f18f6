import { describe, expect, it } from 'vitest';
import { riskCodeNumber } from '../../sdk/risk-codes';
import { createModuleHarness } from '../../sdk/testing';
import { testFeed } from '../orders/internal/test-feed';
import { buy, sell } from './internal/test-intents';
import { maxPosition } from './max-position';

describe('risk/max-position', () => {
  it('passes up to the max and blocks beyond it, with the resulting position', () => {
    const harness = createModuleHarness(maxPosition, { maxQuantity: 1 });
    const ok = buy(0.4);
    // From 0.6 long: 0.6 + 0.4 = 1.0 <= 1 passes.
    expect(harness.step({ in: ok, position: 0.6 }).outputs).toEqual({ out: ok, blocked: false, code: 0 });
    const step = harness.step({ in: buy(0.5), position: 0.6 });
    expect(step.outputs).toEqual({ out: null, blocked: true, code: riskCodeNumber('POSITION_EXCEEDS_MAX') });
    expect(harness.state).toMatchObject({ denial: { position: 1.1, max: 1 } });
  });

  it('always lets the position shrink, even when it is above the max', () => {
    const harness = createModuleHarness(maxPosition, { maxQuantity: 1 });
    expect(harness.step({ in: sell(1), position: 3 }).outputs.blocked).toBe(false);
    // Short 2 -> long 0.5 after buying 2.5: smaller in size, passes.
    expect(harness.step({ in: buy(2.5), position: -2 }).outputs.blocked).toBe(false);
    expect(harness.step({ in: sell(1.5), position: 0 }).outputs.blocked).toBe(true);
  });

  it("reads the broker's position when the input is unconnected, and reports a risk event", () => {
    const feed = testFeed({ position: 0.9 });
    const harness = createModuleHarness(maxPosition, { maxQuantity: 1 });
    const intent = buy(0.2);
    expect(harness.step({ in: intent }, { trading: feed, timeMs: 5_000 }).outputs.blocked).toBe(true);
    const { riskEvents } = feed.outbox.drain();
    expect(riskEvents).toHaveLength(1);
    expect(riskEvents[0]).toMatchObject({
      atMs: 5_000,
      source: 'risk/max-position',
      intent: { quantity: 0.2 },
    });
    expect(riskEvents[0].denial.code).toBe('POSITION_EXCEEDS_MAX');
  });

  it('does nothing when only the position moved, or for a null intent', () => {
    const harness = createModuleHarness(maxPosition);
    expect(harness.step({ position: 5 }, { changed: ['position'] }).emitted).toBe(false);
    expect(harness.step({ in: null }).emitted).toBe(false);
  });
});
