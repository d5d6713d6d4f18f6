import { describe, expect, it } from 'vitest';
import { copyOrderIntent, createOrderIntent, portTypesCompatible } from './ports';

describe('order intents', () => {
  it('start with every field set: NaN prices, GTC, the owner as tag', () => {
    const slot = { owner: 'orders/limit' };
    const intent = createOrderIntent(slot, { side: 'sell', quantity: 2 });
    expect(intent).toMatchObject({
      action: 'submit',
      slot,
      symbol: '',
      side: 'sell',
      orderType: 'market',
      quantity: 2,
      timeInForce: 'GTC',
      reduceOnly: false,
      tag: 'orders/limit',
    });
    for (const field of [
      'limitPrice',
      'triggerPrice',
      'stopLossPrice',
      'takeProfitPrice',
      'createdAtMs',
    ] as const) {
      expect(intent[field], field).toBeNaN();
    }
  });

  it('copy to a new object that shares the slot (the order identity)', () => {
    const intent = createOrderIntent({ owner: 'x' }, { quantity: 1 });
    const copy = copyOrderIntent(intent);
    intent.quantity = 5;
    expect(copy.quantity).toBe(1);
    expect(copy.slot).toBe(intent.slot);
  });

  it('connect only to intent ports', () => {
    expect(portTypesCompatible('orderIntent', 'orderIntent')).toBe(true);
    expect(portTypesCompatible('orderIntent', 'number')).toBe(false);
  });
});
