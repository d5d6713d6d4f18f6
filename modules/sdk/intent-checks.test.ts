import { describe, expect, it } from 'vitest';
import { btcInstrument, testFeed } from '../library/orders/internal/test-feed';
import { buy, sell } from '../library/risk/internal/test-intents';
import { checkOrderIntent } from './intent-checks';

describe('checkOrderIntent', () => {
  const markets = testFeed({ mark: 50_000 }).markets;

  it('accepts well-formed intents of every type', () => {
    const good = [
      buy(0.01),
      buy(0.01, { orderType: 'limit', limitPrice: 49_000, timeInForce: 'PO' }),
      sell(0.01, { orderType: 'stop-market', triggerPrice: 48_000, reduceOnly: true }),
      sell(0.01, { orderType: 'stop-limit', triggerPrice: 48_000, limitPrice: 47_900 }),
      sell(0.01, { orderType: 'take-profit', triggerPrice: 55_000 }),
      buy(0.01, { stopLossPrice: 49_000, takeProfitPrice: 52_000 }),
    ];
    for (const intent of good) expect(checkOrderIntent(intent, markets), intent.orderType).toBeNull();
  });

  it('names the bad field and its value', () => {
    expect(checkOrderIntent(buy(1, { orderType: 'limit', limitPrice: -3 }), null)).toEqual({
      code: 'PRICE_NOT_FINITE',
      field: 'limitPrice',
      price: -3,
    });
    expect(checkOrderIntent(buy(1, { stopLossPrice: 0 }), null)).toMatchObject({ field: 'stopLossPrice' });
    expect(checkOrderIntent(buy(1, { takeProfitPrice: Number.POSITIVE_INFINITY }), null)).toMatchObject({
      field: 'takeProfitPrice',
    });
    expect(checkOrderIntent(buy(Number.POSITIVE_INFINITY), null)).toMatchObject({
      code: 'QUANTITY_NOT_POSITIVE',
    });
  });

  it('applies the instrument minimums: 0.0009 < 0.001; 0.001 x 4 000 = 4 < 5 USDT', () => {
    expect(checkOrderIntent(buy(0.0009), markets)).toEqual({
      code: 'QUANTITY_BELOW_MIN',
      quantity: 0.0009,
      min: 0.001,
    });
    expect(checkOrderIntent(buy(0.001, { orderType: 'limit', limitPrice: 4_000 }), markets)).toEqual({
      code: 'NOTIONAL_BELOW_MIN',
      notional: 4,
      min: btcInstrument.minNotional,
    });
    // A market order is valued at the mark: 0.001 x 50 000 = 50.
    expect(checkOrderIntent(buy(0.001), markets)).toBeNull();
    // Closing orders are exempt from the minimum notional.
    expect(
      checkOrderIntent(sell(0.001, { orderType: 'limit', limitPrice: 4_000, reduceOnly: true }), markets),
    ).toBeNull();
  });

  it('checks only the symbol of a cancel', () => {
    expect(checkOrderIntent(buy(0, { action: 'cancel' }), markets)).toBeNull();
    expect(checkOrderIntent(buy(0, { action: 'cancel', symbol: 'X' }), markets)).toMatchObject({
      code: 'SYMBOL_UNKNOWN',
    });
  });
});
