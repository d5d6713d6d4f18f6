import { describe, expect, it } from 'vitest';
import { createWorkingOrderState, stepWorkingOrder } from './working-order';

const noFeed = { bar: null };

describe('working order', () => {
  it('submits, modifies only on a price change (NaN equal to NaN), and cancels', () => {
    const state = createWorkingOrderState('orders/stop', {
      side: 'sell',
      quantity: 1,
      orderType: 'stop-market',
      timeInForce: 'GTC',
      reduceOnly: true,
    });
    expect(stepWorkingOrder(state, noFeed, 0, true, false, Number.NaN, 90)?.action).toBe('submit');
    // The limit price does not apply to a stop-market: NaN stays NaN, nothing moved.
    expect(stepWorkingOrder(state, noFeed, 1, false, false, 5, 90)).toBeNull();
    expect(stepWorkingOrder(state, noFeed, 2, false, false, Number.NaN, 91)).toMatchObject({
      action: 'modify',
      triggerPrice: 91,
    });
    expect(stepWorkingOrder(state, noFeed, 3, true, true, Number.NaN, 91)?.action).toBe('cancel');
    expect(state.sentWorking).toBe(false);
    expect(state.orders).toBe(3);
  });
});
