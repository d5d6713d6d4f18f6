import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../sdk/ports';
import { positionFor } from '../../sdk/trading-feed';
import { createModuleHarness } from '../../sdk/testing';
import { targetPosition } from './target-position';
import { btc, testFeed } from './internal/test-feed';

function intentOf(outputs: Record<string, unknown>): OrderIntent | null {
  const intent = outputs.intent as OrderIntent | null;
  return intent === null ? null : { ...intent };
}

describe('orders/target-position', () => {
  it('orders the difference in quantity mode (no broker: the position input)', () => {
    const harness = createModuleHarness(targetPosition);
    const step = harness.step({ target: 2, price: 100, position: 0.5 });
    expect(step.outputs.difference).toBe(1.5);
    expect(intentOf(step.outputs)).toMatchObject({
      action: 'submit',
      side: 'buy',
      orderType: 'market',
      quantity: 1.5,
      reduceOnly: false,
    });
  });

  it('sells to cross from long to short, and marks a move towards flat reduce-only', () => {
    const harness = createModuleHarness(targetPosition);
    expect(intentOf(harness.step({ target: -1, price: 100, position: 2 }).outputs)).toMatchObject({
      side: 'sell',
      quantity: 3,
      reduceOnly: false,
    });
    expect(intentOf(harness.step({ target: 0.5, price: 100, position: 2 }).outputs)).toMatchObject({
      side: 'sell',
      quantity: 1.5,
      reduceOnly: true,
    });
    expect(intentOf(harness.step({ target: 0, price: 100, position: -2 }).outputs)).toMatchObject({
      side: 'buy',
      quantity: 2,
      reduceOnly: true,
    });
  });

  it('orders only when the difference exceeds the threshold, strictly', () => {
    const harness = createModuleHarness(targetPosition, { rebalanceThreshold: 0.5 });
    const within = harness.step({ target: 1.5, price: 100, position: 1 });
    expect(within.outputs.difference).toBe(0.5);
    expect(within.outputs.intent).toBeNull();
    expect(intentOf(harness.step({ target: 1.75, price: 100, position: 1 }).outputs)?.quantity).toBe(0.75);
  });

  it('converts an equity fraction at the price (hand-worked)', () => {
    // 0.5 x equity 10 000 at price 250 = 20 units; threshold 0.1 x 10 000 / 250 = 4 units.
    const harness = createModuleHarness(targetPosition, { mode: 'equity-fraction', rebalanceThreshold: 0.1 });
    const step = harness.step({ target: 0.5, price: 250, position: 0, equity: 10_000 });
    expect(intentOf(step.outputs)).toMatchObject({ side: 'buy', quantity: 20 });
    // Position 17: difference 3 <= 4, nothing; position 15.9: 4.1 > 4, buy 4.1.
    expect(harness.step({ position: 17 }, { changed: ['position'] }).outputs.intent).toBeNull();
    expect(
      intentOf(harness.step({ position: 15.9 }, { changed: ['position'] }).outputs)?.quantity,
    ).toBeCloseTo(4.1, 12);
    // No equity or no price: nothing to convert.
    expect(harness.step({ equity: Number.NaN, position: 0 }).emitted).toBe(false);
  });

  it('does not repeat an order while target and position stay where they were', () => {
    const harness = createModuleHarness(targetPosition);
    expect(intentOf(harness.step({ target: 1, price: 100, position: 0 }).outputs)).not.toBeNull();
    const again = harness.step({ price: 101 }, { changed: ['price'] });
    expect(again.emitted).toBe(true);
    expect(again.outputs.intent).toBeNull();
    expect(again.outputs.orders).toBe(1);
    expect(intentOf(harness.step({ target: 2 }, { changed: ['target'] }).outputs)?.quantity).toBe(2);
  });

  it('with a broker: reads the feed position, uses its equity, and waits for a working market order', () => {
    const feed = testFeed({ equity: 5_000, position: 0.2 });
    const harness = createModuleHarness(targetPosition, { mode: 'equity-fraction' });
    // 1x equity at 50 000 = 0.1; the feed says 0.2 (the input's 7 is ignored): sell 0.1, reduce-only.
    const first = harness.step({ target: 1, price: 50_000, position: 7 }, { trading: feed });
    const sent = intentOf(first.outputs);
    expect(sent).toMatchObject({ symbol: btc, side: 'sell', reduceOnly: true });
    expect(sent?.quantity).toBeCloseTo(0.1, 12);
    feed.workingSlots.add((first.outputs.intent as OrderIntent).slot);
    positionFor(feed, btc).size = 0.15;
    expect(harness.step({ price: 49_000 }, { changed: ['price'], trading: feed }).outputs.intent).toBeNull();
    // Filled: at 0.1 the target (5 000 / 50 000 = 0.1) is met.
    feed.workingSlots.clear();
    positionFor(feed, btc).size = 0.1;
    const done = harness.step({ price: 50_000 }, { changed: ['price'], trading: feed });
    expect(done.outputs.difference).toBeCloseTo(0, 12);
    expect(done.outputs.intent).toBeNull();
  });

  it('in limit mode re-prices a working order, and cancels it when the target flips side', () => {
    const feed = testFeed({ position: 0 });
    const harness = createModuleHarness(targetPosition, { orderType: 'limit' });
    const placed = harness.step({ target: 1, price: 100 }, { trading: feed });
    expect(intentOf(placed.outputs)).toMatchObject({ action: 'submit', orderType: 'limit', limitPrice: 100 });
    feed.workingSlots.add((placed.outputs.intent as OrderIntent).slot);
    expect(harness.step({ price: 100 }, { changed: ['price'], trading: feed }).outputs.intent).toBeNull();
    expect(
      intentOf(harness.step({ price: 99 }, { changed: ['price'], trading: feed }).outputs),
    ).toMatchObject({
      action: 'modify',
      side: 'buy',
      quantity: 1,
      limitPrice: 99,
    });
    expect(
      intentOf(harness.step({ target: -1 }, { changed: ['target'], trading: feed }).outputs),
    ).toMatchObject({
      action: 'cancel',
      side: 'buy',
    });
  });

  it('emits nothing for a NaN target or position', () => {
    const harness = createModuleHarness(targetPosition);
    expect(harness.step({ target: Number.NaN, price: 100 }).emitted).toBe(false);
    expect(harness.step({ target: 1, price: 100, position: Number.NaN }).emitted).toBe(false);
  });
});
