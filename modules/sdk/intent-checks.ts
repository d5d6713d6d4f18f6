// The "bad input" rules for an order intent, in one place: the sink applies them before an
// intent leaves the patch, and the server's order boundary applies them again before a broker
// sees it. A refusal is data (a RiskDenial), never a throw, so a malformed intent cannot stop
// a run. The denial objects are reused (see createIntentDenials): copy one to keep it.
import type { OrderIntent } from './ports';
import type { PriceField, RiskDenial, RiskDenialOf } from './risk-codes';
import type { MarketState } from './trading-feed';

export interface IntentDenials {
  readonly quantityNotPositive: RiskDenialOf<'QUANTITY_NOT_POSITIVE'>;
  readonly priceNotFinite: RiskDenialOf<'PRICE_NOT_FINITE'>;
  readonly symbolUnknown: RiskDenialOf<'SYMBOL_UNKNOWN'>;
  readonly quantityBelowMin: RiskDenialOf<'QUANTITY_BELOW_MIN'>;
  readonly notionalBelowMin: RiskDenialOf<'NOTIONAL_BELOW_MIN'>;
}

export function createIntentDenials(): IntentDenials {
  return {
    quantityNotPositive: { code: 'QUANTITY_NOT_POSITIVE', quantity: Number.NaN },
    priceNotFinite: { code: 'PRICE_NOT_FINITE', field: 'limitPrice', price: Number.NaN },
    symbolUnknown: { code: 'SYMBOL_UNKNOWN', symbol: '' },
    quantityBelowMin: { code: 'QUANTITY_BELOW_MIN', quantity: Number.NaN, min: Number.NaN },
    notionalBelowMin: { code: 'NOTIONAL_BELOW_MIN', notional: Number.NaN, min: Number.NaN },
  };
}

function badPrice(denials: IntentDenials, field: PriceField, price: number): RiskDenial {
  denials.priceNotFinite.field = field;
  denials.priceNotFinite.price = price;
  return denials.priceNotFinite;
}

/**
 * Why the intent cannot be sent, or null. `markets` (the run's instruments) adds the symbol
 * and minimum-size checks; without it (no broker) only the intent's own fields are checked.
 */
export function checkOrderIntent(
  intent: OrderIntent,
  markets: ReadonlyMap<string, MarketState> | null,
  denials: IntentDenials = createIntentDenials(),
): RiskDenial | null {
  const market = markets === null ? undefined : markets.get(intent.symbol);
  if (markets !== null && market === undefined) {
    denials.symbolUnknown.symbol = intent.symbol;
    return denials.symbolUnknown;
  }
  // A cancel names only the order it cancels.
  if (intent.action === 'cancel') return null;
  // Checks are written out rather than in helpers taking numbers, which V8 may leave as real
  // calls and box the arguments of (this runs for every intent a sink sends).
  const quantity = intent.quantity;
  if (!(quantity > 0 && quantity < Infinity)) {
    denials.quantityNotPositive.quantity = quantity;
    return denials.quantityNotPositive;
  }
  const type = intent.orderType;
  if (
    (type === 'limit' || type === 'stop-limit') &&
    !(intent.limitPrice > 0 && intent.limitPrice < Infinity)
  ) {
    return badPrice(denials, 'limitPrice', intent.limitPrice);
  }
  if (type !== 'market' && type !== 'limit' && !(intent.triggerPrice > 0 && intent.triggerPrice < Infinity)) {
    return badPrice(denials, 'triggerPrice', intent.triggerPrice);
  }
  // Attached exits are optional (NaN), but a present one must be a price.
  const stopLoss = intent.stopLossPrice;
  if (stopLoss === stopLoss && !(stopLoss > 0 && stopLoss < Infinity))
    return badPrice(denials, 'stopLossPrice', stopLoss);
  const takeProfit = intent.takeProfitPrice;
  if (takeProfit === takeProfit && !(takeProfit > 0 && takeProfit < Infinity))
    return badPrice(denials, 'takeProfitPrice', takeProfit);
  if (market === undefined) return null;
  const instrument = market.instrument;
  if (quantity < instrument.minQuantity) {
    denials.quantityBelowMin.quantity = quantity;
    denials.quantityBelowMin.min = instrument.minQuantity;
    return denials.quantityBelowMin;
  }
  // Venues waive the minimum notional for closing orders (Binance: reduce-only).
  if (instrument.minNotional > 0 && !intent.reduceOnly) {
    // Valued at the price the order names (limit, else trigger), a market order at the mark.
    const price =
      type === 'limit' || type === 'stop-limit'
        ? intent.limitPrice
        : type === 'market'
          ? market.markPrice
          : intent.triggerPrice;
    const notional = quantity * price;
    if (notional < instrument.minNotional) {
      denials.notionalBelowMin.notional = notional;
      denials.notionalBelowMin.min = instrument.minNotional;
      return denials.notionalBelowMin;
    }
  }
  return null;
}
