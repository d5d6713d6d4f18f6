// Caps the value of a single order (a fat-finger guard). Reduce-only orders and cancels pass.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  gateOutputs,
  intentInput,
  isClosing,
  marketOf,
  passIntent,
  priceMissing,
} from './internal/gate';

export const maxNotional = defineModule({
  type: 'risk/max-notional',
  category: 'risk',
  title: 'Max notional',
  description: 'Blocks an order whose value (quantity times price) exceeds a maximum, in the quote currency.',
  inputs: {
    in: intentInput,
    price: port.number({
      required: false,
      description: "Price to value a market order at; unconnected: the broker feed's mark price.",
    }),
  },
  outputs: gateOutputs,
  params: {
    maxNotional: param.float({
      default: 10_000,
      min: 0,
      max: 1e12,
      description: 'Largest order value allowed, in the quote currency (USDT for BTC/USDT).',
    }),
  },
  init: ({ maxNotional }) => ({
    event: createGateEvent('risk/max-notional'),
    denial: {
      code: 'NOTIONAL_EXCEEDS_MAX',
      notional: Number.NaN,
      max: maxNotional,
    } as RiskDenialOf<'NOTIONAL_EXCEEDS_MAX'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (isClosing(intent)) return passIntent(outputs, intent);
    // Limit and stop orders are valued at their own price, market orders at the reference.
    let price = intent.limitPrice > 0 ? intent.limitPrice : intent.triggerPrice;
    if (!(price > 0)) price = inputs.price;
    if (!(price > 0)) {
      const market = marketOf(ctx.feeds, intent.symbol);
      price = market === undefined ? Number.NaN : market.markPrice;
    }
    if (!(price > 0 && price < Number.POSITIVE_INFINITY)) {
      return blockIntent(state.event, outputs, ctx, priceMissing, intent);
    }
    const notional = intent.quantity * price;
    if (notional <= state.denial.max) return passIntent(outputs, intent);
    state.denial.notional = notional;
    return blockIntent(state.event, outputs, ctx, state.denial, intent);
  },
});
