import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { createModuleHarness } from '../../sdk/testing';
import { limit } from './limit';
import { btc, testFeed } from './internal/test-feed';

function intentOf(outputs: Record<string, unknown>): OrderIntent {
  return { ...(outputs.intent as OrderIntent) };
}

describe('orders/limit', () => {
  it('places at the price when triggered, then re-prices on every move (no broker)', () => {
    const harness = createModuleHarness(limit, { side: 'buy', quantity: 0.5, timeInForce: 'PO' });
    // Price moves before any trigger: nothing to re-price.
    expect(harness.step({ price: 100 }, { changed: ['price'] }).emitted).toBe(false);
    const placed = harness.step({ trigger: true, price: 100 }, { timeMs: 1_000 });
    expect(intentOf(placed.outputs)).toMatchObject({
      action: 'submit',
      orderType: 'limit',
      side: 'buy',
      quantity: 0.5,
      limitPrice: 100,
      timeInForce: 'PO',
      reduceOnly: false,
      createdAtMs: 1_000,
    });
    expect(intentOf(placed.outputs).triggerPrice).toBeNaN();
    // Same price again: no modify.
    expect(harness.step({ price: 100 }, { changed: ['price'] }).emitted).toBe(false);
    const moved = harness.step({ price: 99.5 }, { changed: ['price'] });
    expect(intentOf(moved.outputs)).toMatchObject({ action: 'modify', limitPrice: 99.5, quantity: 0.5 });
    // A second trigger while it works does not stack a new order; only a move re-prices.
    expect(harness.step({ trigger: true, price: 99.5 }).emitted).toBe(false);
    expect(moved.outputs.orders).toBe(2);
  });

  it('cancels the working order, and then waits for the next trigger', () => {
    const harness = createModuleHarness(limit);
    harness.step({ trigger: true, price: 100 });
    const cancelled = harness.step({ cancel: true }, { changed: ['cancel'] });
    expect(intentOf(cancelled.outputs)).toMatchObject({ action: 'cancel', orderType: 'limit' });
    expect(harness.step({ price: 101 }, { changed: ['price'] }).emitted).toBe(false);
    expect(harness.step({ cancel: true }, { changed: ['cancel'] }).emitted).toBe(false);
    expect(intentOf(harness.step({ trigger: true, price: 101 }).outputs).action).toBe('submit');
  });

  it('places nothing at a NaN, zero or negative price, and keeps a working order at one', () => {
    const harness = createModuleHarness(limit);
    for (const price of [Number.NaN, 0, -5])
      expect(harness.step({ trigger: true, price }).emitted).toBe(false);
    harness.step({ trigger: true, price: 100 });
    expect(harness.step({ price: Number.NaN }, { changed: ['price'] }).emitted).toBe(false);
    // Back to the price it rests at: nothing to change.
    expect(harness.step({ price: 100 }, { changed: ['price'] }).emitted).toBe(false);
  });

  it('follows the broker: a filled order is not re-priced, and the next trigger places anew', () => {
    const feed = testFeed();
    const harness = createModuleHarness(limit);
    const placed = harness.step({ trigger: true, price: 100 }, { trading: feed });
    expect(intentOf(placed.outputs).symbol).toBe(btc);
    // The run accepted it: working.
    feed.workingSlots.add((placed.outputs.intent as OrderIntent).slot);
    expect(intentOf(harness.step({ price: 98 }, { changed: ['price'], trading: feed }).outputs).action).toBe(
      'modify',
    );
    // Filled: no longer working; a move does nothing, a trigger submits.
    feed.workingSlots.clear();
    expect(harness.step({ price: 97 }, { changed: ['price'], trading: feed }).emitted).toBe(false);
    const again = harness.step({ trigger: true, price: 97 }, { trading: feed });
    expect(intentOf(again.outputs)).toMatchObject({ action: 'submit', limitPrice: 97 });
  });
});
