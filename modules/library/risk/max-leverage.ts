// Caps the leverage an order can lead to: |resulting position| x price / equity. Orders that
// leave the position no larger always pass.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  equityMissing,
  gateOutputs,
  intentInput,
  isClosing,
  marketOf,
  passIntent,
  currentPosition,
  positionAfter,
  priceMissing,
} from './internal/gate';

export const maxLeverage = defineModule({
  type: 'risk/max-leverage',
  category: 'risk',
  title: 'Max leverage',
  description: 'Blocks an order that would take the position value above a multiple of account equity.',
  inputs: {
    in: intentInput,
    price: port.number({
      required: false,
      description: 'Price to value the position at; unconnected: the mark.',
    }),
    position: port.number({
      required: false,
      description: "Current signed position; unconnected: the broker feed's position (0 without a broker).",
    }),
    equity: port.number({
      required: false,
      description: "Account equity; unconnected: the broker feed's equity.",
    }),
  },
  outputs: gateOutputs,
  params: {
    maxLeverage: param.float({
      default: 3,
      min: 0,
      max: 1_000,
      description: 'Largest position value allowed, as a multiple of equity (3 = 3x).',
    }),
  },
  init: ({ maxLeverage }) => ({
    event: createGateEvent('risk/max-leverage'),
    denial: {
      code: 'LEVERAGE_EXCEEDS_MAX',
      leverage: Number.NaN,
      max: maxLeverage,
    } as RiskDenialOf<'LEVERAGE_EXCEEDS_MAX'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (isClosing(intent)) return passIntent(outputs, intent);
    const position = currentPosition(inputs.position, ctx.feeds, intent.symbol);
    const resulting = Math.abs(positionAfter(position, intent));
    if (resulting <= Math.abs(position)) return passIntent(outputs, intent);
    // The position is valued at the reference (mark), else at the order's own price.
    let price = inputs.price;
    if (!(price > 0)) {
      const market = marketOf(ctx.feeds, intent.symbol);
      price = market === undefined ? Number.NaN : market.markPrice;
    }
    if (!(price > 0)) price = intent.limitPrice > 0 ? intent.limitPrice : intent.triggerPrice;
    if (!(price > 0 && price < Number.POSITIVE_INFINITY)) {
      return blockIntent(state.event, outputs, ctx, priceMissing, intent);
    }
    let equity = inputs.equity;
    const trading = ctx.feeds.trading;
    if (equity !== equity && trading !== null && trading !== undefined) equity = trading.account.equity;
    if (!(equity > 0)) return blockIntent(state.event, outputs, ctx, equityMissing, intent);
    const leverage = (resulting * price) / equity;
    if (leverage <= state.denial.max) return passIntent(outputs, intent);
    state.denial.leverage = leverage;
    return blockIntent(state.event, outputs, ctx, state.denial, intent);
  },
});
