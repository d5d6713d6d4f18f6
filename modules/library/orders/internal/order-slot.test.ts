import { describe, expect, it } from 'vitest';
import { createTradingFeed } from '../../../sdk/trading-feed';
import { testContext } from './test-feed';
import { beginIntent, createSlotState, slotWorking } from './order-slot';

const instrument = {
  symbol: 'BTC/USDT:USDT',
  priceStep: 0.1,
  quantityStep: 0.001,
  minQuantity: 0.001,
  minNotional: 5,
};

describe('order slot helpers', () => {
  it('reuses one intent per module and resets every field for each order', () => {
    const state = createSlotState('orders/limit');
    const first = beginIntent(state.intent, testContext(1_000), 'buy');
    first.quantity = 2;
    first.orderType = 'limit';
    first.limitPrice = 99;
    first.reduceOnly = true;
    first.action = 'modify';
    const feed = createTradingFeed({ symbol: 'BTC/USDT:USDT', instruments: [instrument] });
    const second = beginIntent(state.intent, testContext(2_000, feed), 'sell');
    second.quantity = 3;
    expect(second).toBe(first);
    expect(second).toMatchObject({
      action: 'submit',
      slot: state.slot,
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      orderType: 'market',
      quantity: 3,
      timeInForce: 'GTC',
      reduceOnly: false,
      tag: 'orders/limit',
      createdAtMs: 2_000,
    });
    expect(second.limitPrice).toBeNaN();
  });

  it('stamps no symbol without a broker', () => {
    const state = createSlotState('orders/market');
    expect(beginIntent(state.intent, testContext(0), 'buy').symbol).toBe('');
  });

  it('asks the feed whether the order works, and the module only without one', () => {
    const state = createSlotState('orders/limit');
    const feed = createTradingFeed({ symbol: 'BTC/USDT:USDT', instruments: [instrument] });
    expect(slotWorking(state.slot, { bar: null }, true)).toBe(true);
    expect(slotWorking(state.slot, { bar: null, trading: feed }, true)).toBe(false);
    feed.workingSlots.add(state.slot);
    expect(slotWorking(state.slot, { bar: null, trading: feed }, false)).toBe(true);
  });
});
