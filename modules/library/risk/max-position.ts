// Caps the size of the position an order can lead to. Orders that leave the position no
// larger (closing, reduce-only, cancels) always pass.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  currentPosition,
  gateOutputs,
  intentInput,
  passIntent,
  reducesExposure,
  signedQuantity,
} from './internal/gate';

export const maxPosition = defineModule({
  type: 'risk/max-position',
  category: 'risk',
  title: 'Max position',
  description: 'Blocks an order that would take the absolute position above a maximum quantity.',
  inputs: {
    in: intentInput,
    position: port.number({
      required: false,
      description: "Current signed position; unconnected: the broker feed's position (0 without a broker).",
    }),
  },
  outputs: gateOutputs,
  params: {
    maxQuantity: param.float({
      default: 1,
      min: 0,
      max: 1e9,
      description: 'Largest absolute position allowed, in base currency.',
    }),
  },
  init: ({ maxQuantity }) => ({
    event: createGateEvent('risk/max-position'),
    denial: {
      code: 'POSITION_EXCEEDS_MAX',
      position: 0,
      max: maxQuantity,
    } as RiskDenialOf<'POSITION_EXCEEDS_MAX'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    const position = currentPosition(inputs.position, ctx.feeds, intent.symbol);
    if (reducesExposure(intent, position)) return passIntent(outputs, intent);
    const resulting = Math.abs(position + signedQuantity(intent));
    if (resulting <= state.denial.max) return passIntent(outputs, intent);
    state.denial.position = resulting;
    return blockIntent(state.event, outputs, ctx.feeds, ctx.timeMs, state.denial, intent);
  },
});
