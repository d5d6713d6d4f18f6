import { describe, expect, it } from 'vitest';
import { buy, sell } from './test-intents';

describe('test intents', () => {
  it('are market orders of the given side and size on BTC', () => {
    expect(buy(2)).toMatchObject({ side: 'buy', quantity: 2, orderType: 'market', symbol: 'BTC/USDT:USDT' });
    expect(sell(1, { reduceOnly: true })).toMatchObject({ side: 'sell', quantity: 1, reduceOnly: true });
  });
});
