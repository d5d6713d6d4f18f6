// Caps the leverage an order can lead to: |resulting position| x price / equity. Orders that
// leave the position no larger always pass.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  currentPosition,
  equityMissing,
  gateOutputs,
  intentInput,
  orderPrice,
  passIntent,
  priceMissing,
  reducesExposure,
  referencePrice,
  signedQuantity,
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
      leverage: 0,
      max: maxLeverage,
    } as RiskDenialOf<'LEVERAGE_EXCEEDS_MAX'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    const position = currentPosition(inputs.position, ctx.feeds, intent.symbol);
    if (reducesExposure(intent, position)) return passIntent(outputs, intent);
    let price = referencePrice(inputs.price, ctx.feeds, intent.symbol);
    if (price !== price) price = orderPrice(intent);
    if (price !== price)
      return blockIntent(state.event, outputs, ctx.feeds, ctx.timeMs, priceMissing, intent);
    let equity = inputs.equity;
    const trading = ctx.feeds.trading;
    if (equity !== equity && trading !== null && trading !== undefined) equity = trading.account.equity;
    if (!(equity > 0)) return blockIntent(state.event, outputs, ctx.feeds, ctx.timeMs, equityMissing, intent);
    const leverage = (Math.abs(position + signedQuantity(intent)) * price) / equity;
    if (leverage <= state.denial.max) return passIntent(outputs, intent);
    state.denial.leverage = leverage;
    return blockIntent(state.event, outputs, ctx.feeds, ctx.timeMs, state.denial, intent);
  },
});
