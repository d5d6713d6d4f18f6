// Blocks an order priced too far from the mark: a stale or fat-fingered limit, or a stop on
// the wrong side of a gap. Market orders name no price and pass.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  gateOutputs,
  intentInput,
  marketOf,
  passIntent,
  priceMissing,
} from './internal/gate';

export const priceBand = defineModule({
  type: 'risk/price-band',
  category: 'risk',
  title: 'Price band',
  description: 'Blocks a limit or stop order whose price is more than a fraction away from the mark price.',
  inputs: {
    in: intentInput,
    mark: port.number({ required: false, description: "Mark price; unconnected: the broker feed's mark." }),
  },
  outputs: gateOutputs,
  params: {
    maxDeviation: param.float({
      default: 0.05,
      min: 0.0001,
      max: 1,
      description: 'Largest distance from the mark allowed, as a fraction of it (0.05 = 5 %).',
    }),
  },
  init: ({ maxDeviation }) => ({
    event: createGateEvent('risk/price-band'),
    denial: {
      code: 'PRICE_OUTSIDE_BAND',
      price: Number.NaN,
      mark: Number.NaN,
      deviation: Number.NaN,
      max: maxDeviation,
    } as RiskDenialOf<'PRICE_OUTSIDE_BAND'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (intent.action === 'cancel') return passIntent(outputs, intent);
    const price = intent.limitPrice > 0 ? intent.limitPrice : intent.triggerPrice;
    if (!(price > 0)) return passIntent(outputs, intent);
    let mark = inputs.mark;
    if (!(mark > 0)) {
      const market = marketOf(ctx.feeds, intent.symbol);
      mark = market === undefined ? Number.NaN : market.markPrice;
    }
    if (!(mark > 0 && mark < Number.POSITIVE_INFINITY)) {
      return blockIntent(state.event, outputs, ctx, priceMissing, intent);
    }
    const deviation = Math.abs(price - mark) / mark;
    if (deviation <= state.denial.max) return passIntent(outputs, intent);
    state.denial.price = price;
    state.denial.mark = mark;
    state.denial.deviation = deviation;
    return blockIntent(state.event, outputs, ctx, state.denial, intent);
  },
});
