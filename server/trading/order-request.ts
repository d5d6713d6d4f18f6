// The order boundary: an intent from a patch becomes an OrderRequest a broker can send. The
// intent is checked again (the patch may have been edited, the sink bypassed by a test or an
// agent), and quantities and prices are rounded to the instrument's lot and tick size here,
// in exactly this one place (STYLE.md, Money). A refusal is returned as data.
import { checkOrderIntent } from '@patchdesk/modules/sdk/intent-checks';
import type { OrderIntent } from '@patchdesk/modules/sdk/ports';
import type { RiskDenial } from '@patchdesk/modules/sdk/risk-codes';
import type { InstrumentSpec, MarketState } from '@patchdesk/modules/sdk/trading-feed';
import type { ClientOrderId, OrderRequest } from './broker';

export type PreparedOrder = { ok: true; request: OrderRequest } | { ok: false; denial: RiskDenial };

/** Decimal places of a step such as 0.001 or 1e-8 (at most 12). */
export function stepDecimals(step: number): number {
  for (let decimals = 0; decimals <= 12; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return decimals;
  }
  return 12;
}

/**
 * Largest multiple of `step` not above `quantity` (an order never grows by rounding). The
 * 1e-9 step tolerance keeps 0.3 at 0.3 although 0.3 / 0.1 is 2.9999999999999996.
 */
export function floorToStep(quantity: number, step: number): number {
  const steps = Math.floor(quantity / step + 1e-9);
  return Number((steps * step).toFixed(stepDecimals(step)));
}

/** Nearest multiple of `step`. */
export function roundToStep(price: number, step: number): number {
  return Number((Math.round(price / step) * step).toFixed(stepDecimals(step)));
}

function roundedPrice(price: number, instrument: InstrumentSpec): number | null {
  return price === price ? roundToStep(price, instrument.priceStep) : null;
}

export function prepareOrderRequest(
  intent: OrderIntent,
  clientOrderId: ClientOrderId,
  markets: ReadonlyMap<string, MarketState>,
): PreparedOrder {
  const denial = checkOrderIntent(intent, markets);
  if (denial !== null) return { ok: false, denial: { ...denial } };
  const market = markets.get(intent.symbol) as MarketState;
  const instrument = market.instrument;
  const quantity = floorToStep(intent.quantity, instrument.quantityStep);
  if (quantity < instrument.minQuantity || quantity <= 0) {
    return { ok: false, denial: { code: 'QUANTITY_BELOW_MIN', quantity, min: instrument.minQuantity } };
  }
  const type = intent.orderType;
  return {
    ok: true,
    request: {
      clientOrderId,
      symbol: intent.symbol,
      side: intent.side,
      orderType: type,
      quantity,
      limitPrice:
        type === 'limit' || type === 'stop-limit' ? roundedPrice(intent.limitPrice, instrument) : null,
      triggerPrice:
        type === 'market' || type === 'limit' ? null : roundedPrice(intent.triggerPrice, instrument),
      timeInForce: intent.timeInForce,
      reduceOnly: intent.reduceOnly,
      stopLossPrice: roundedPrice(intent.stopLossPrice, instrument),
      takeProfitPrice: roundedPrice(intent.takeProfitPrice, instrument),
      tag: intent.tag,
      createdAtMs: intent.createdAtMs,
    },
  };
}
