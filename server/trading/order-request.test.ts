import { describe, expect, it } from 'vitest';
import { createOrderIntent } from '@patchdesk/modules/sdk/ports';
import type { OrderIntent } from '@patchdesk/modules/sdk/ports';
import { createTradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import { floorToStep, prepareOrderRequest, roundToStep, stepDecimals } from './order-request';

const btc = 'BTC/USDT:USDT';
const feed = createTradingFeed({
  symbol: btc,
  instruments: [{ symbol: btc, priceStep: 0.1, quantityStep: 0.001, minQuantity: 0.001, minNotional: 5 }],
});
const market = feed.markets.get(btc);
if (market) market.markPrice = 50_000;
const slot = { owner: 'orders/limit' };
const intent = (fields: Partial<OrderIntent>) => createOrderIntent(slot, { symbol: btc, ...fields });

describe('rounding at the order boundary', () => {
  it('knows the decimals of a step', () => {
    expect([1, 0.1, 0.001, 1e-8, 0.5, 0.25].map(stepDecimals)).toEqual([0, 1, 3, 8, 1, 2]);
  });

  it('floors quantities to the lot (never up) and rounds prices to the tick', () => {
    expect(floorToStep(0.0129, 0.001)).toBe(0.012);
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(1.0000000001, 0.001)).toBe(1);
    expect(roundToStep(50_000.06, 0.1)).toBe(50_000.1);
    expect(roundToStep(50_000.04, 0.1)).toBe(50_000);
    expect(roundToStep(101.3, 0.5)).toBe(101.5);
  });
});

describe('prepareOrderRequest', () => {
  it('makes a rounded request carrying the client order id', () => {
    const prepared = prepareOrderRequest(
      intent({
        side: 'sell',
        orderType: 'stop-limit',
        quantity: 0.0129,
        limitPrice: 49_000.04,
        triggerPrice: 49_100.06,
        reduceOnly: true,
        tag: 'orders/stop',
        createdAtMs: 7,
      }),
      'pdr1X0',
      feed.markets,
    );
    expect(prepared).toEqual({
      ok: true,
      request: {
        clientOrderId: 'pdr1X0',
        symbol: btc,
        side: 'sell',
        orderType: 'stop-limit',
        quantity: 0.012,
        limitPrice: 49_000,
        triggerPrice: 49_100.1,
        timeInForce: 'GTC',
        reduceOnly: true,
        stopLossPrice: null,
        takeProfitPrice: null,
        tag: 'orders/stop',
        createdAtMs: 7,
      },
    });
  });

  it('drops prices a type does not use, and rounds attached exits', () => {
    const prepared = prepareOrderRequest(
      intent({
        quantity: 0.01,
        limitPrice: 1,
        triggerPrice: 2,
        stopLossPrice: 48_999.97,
        takeProfitPrice: 52_000.02,
      }),
      'pdr1X1',
      feed.markets,
    );
    expect(prepared.ok && prepared.request).toMatchObject({
      orderType: 'market',
      limitPrice: null,
      triggerPrice: null,
      stopLossPrice: 49_000,
      takeProfitPrice: 52_000,
    });
  });

  it('refuses bad intents with the reason, and a size that rounds below the minimum', () => {
    expect(prepareOrderRequest(intent({ quantity: -1 }), 'pdr1X2', feed.markets)).toEqual({
      ok: false,
      denial: { code: 'QUANTITY_NOT_POSITIVE', quantity: -1 },
    });
    expect(
      prepareOrderRequest(intent({ quantity: 1, symbol: 'NOPE' }), 'pdr1X2', feed.markets),
    ).toMatchObject({
      ok: false,
      denial: { code: 'SYMBOL_UNKNOWN', symbol: 'NOPE' },
    });
    expect(
      prepareOrderRequest(
        intent({ quantity: 1, orderType: 'limit', limitPrice: Number.NaN }),
        'x',
        feed.markets,
      ),
    ).toMatchObject({ ok: false, denial: { code: 'PRICE_NOT_FINITE', field: 'limitPrice' } });
  });
});
