// Intent -> OrderRequest -> ccxt createOrder arguments, checked against the unified params
// ccxt documents (ccxt-notes.md §3.3) and the binanceusdm requests verified there.
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from './broker';
import { toUnifiedCreateOrder, toUnifiedEditOrder } from './unified-order';

const base: OrderRequest = {
  clientOrderId: 'pdr1X0',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  orderType: 'market',
  quantity: 0.01,
  limitPrice: null,
  triggerPrice: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  stopLossPrice: null,
  takeProfitPrice: null,
  tag: 'orders/market',
  createdAtMs: 0,
};

describe('toUnifiedCreateOrder', () => {
  it('market: no price, no time in force (binanceusdm: type=MARKET quantity=0.01)', () => {
    expect(toUnifiedCreateOrder(base)).toEqual({
      symbol: 'BTC/USDT:USDT',
      type: 'market',
      side: 'buy',
      amount: 0.01,
      price: undefined,
      params: { clientOrderId: 'pdr1X0' },
    });
  });

  it('limit: the price and the time in force; post-only as postOnly (binance GTX)', () => {
    const ioc = toUnifiedCreateOrder({ ...base, orderType: 'limit', limitPrice: 49_000, timeInForce: 'IOC' });
    expect(ioc).toMatchObject({ type: 'limit', price: 49_000, params: { timeInForce: 'IOC' } });
    const postOnly = toUnifiedCreateOrder({
      ...base,
      orderType: 'limit',
      limitPrice: 49_000,
      timeInForce: 'PO',
    });
    expect(postOnly.params).toEqual({ clientOrderId: 'pdr1X0', postOnly: true });
  });

  it('stop-market and stop-limit carry triggerPrice; take-profit takeProfitPrice', () => {
    const stopMarket = toUnifiedCreateOrder({
      ...base,
      side: 'sell',
      orderType: 'stop-market',
      triggerPrice: 45_000,
      reduceOnly: true,
    });
    expect(stopMarket).toMatchObject({
      type: 'market',
      price: undefined,
      params: { triggerPrice: 45_000, reduceOnly: true },
    });
    const stopLimit = toUnifiedCreateOrder({
      ...base,
      orderType: 'stop-limit',
      triggerPrice: 51_000,
      limitPrice: 51_100,
    });
    expect(stopLimit).toMatchObject({
      type: 'limit',
      price: 51_100,
      params: { triggerPrice: 51_000, timeInForce: 'GTC' },
    });
    const takeProfit = toUnifiedCreateOrder({
      ...base,
      side: 'sell',
      orderType: 'take-profit',
      triggerPrice: 55_000,
    });
    expect(takeProfit).toMatchObject({ type: 'market', params: { takeProfitPrice: 55_000 } });
    expect(takeProfit.params.triggerPrice).toBeUndefined();
  });

  it('a bracket attaches stopLoss and takeProfit to the entry', () => {
    const bracket = toUnifiedCreateOrder({ ...base, stopLossPrice: 49_000, takeProfitPrice: 52_000 });
    expect(bracket.params).toEqual({
      clientOrderId: 'pdr1X0',
      stopLoss: { triggerPrice: 49_000 },
      takeProfit: { triggerPrice: 52_000 },
    });
  });

  it('an edit keeps what it does not change', () => {
    const limit = { ...base, orderType: 'limit' as const, limitPrice: 49_000 };
    expect(
      toUnifiedEditOrder(limit, { quantity: null, limitPrice: 48_500, triggerPrice: null }),
    ).toMatchObject({
      amount: 0.01,
      price: 48_500,
      params: { clientOrderId: 'pdr1X0', timeInForce: 'GTC' },
    });
  });
});
