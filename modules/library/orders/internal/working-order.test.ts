import { describe, expect, it } from 'vitest';
import { testContext } from './test-feed';
import { createWorkingOrderState, stepWorkingOrder } from './working-order';
import type { WorkingOrderState } from './working-order';

function step(
  state: WorkingOrderState,
  timeMs: number,
  fire: boolean,
  cancel: boolean,
  limit: number,
  trigger: number,
) {
  state.limitInput = limit;
  state.triggerInput = trigger;
  return stepWorkingOrder(state, testContext(timeMs), fire, cancel);
}

describe('working order', () => {
  it('submits, modifies only on a price change (NaN equal to NaN), and cancels', () => {
    const state = createWorkingOrderState('orders/stop', {
      side: 'sell',
      quantity: 1,
      orderType: 'stop-market',
      timeInForce: 'GTC',
      reduceOnly: true,
    });
    expect(step(state, 0, true, false, Number.NaN, 90)?.action).toBe('submit');
    // The limit price does not apply to a stop-market: NaN stays NaN, nothing moved.
    expect(step(state, 1, false, false, 5, 90)).toBeNull();
    expect(step(state, 2, false, false, Number.NaN, 91)).toMatchObject({
      action: 'modify',
      triggerPrice: 91,
    });
    expect(step(state, 3, true, true, Number.NaN, 91)?.action).toBe('cancel');
    expect(state.sentWorking).toBe(false);
    expect(state.orders).toBe(3);
  });
});
