// Caps the size of the position an order can lead to. Orders that leave the position no
// larger (closing, reduce-only, cancels) always pass.
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
  passIntent,
  currentPosition,
  positionAfter,
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
      position: Number.NaN,
      max: maxQuantity,
    } as RiskDenialOf<'POSITION_EXCEEDS_MAX'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (isClosing(intent)) return passIntent(outputs, intent);
    const position = currentPosition(inputs.position, ctx.feeds, intent.symbol);
    const resulting = Math.abs(positionAfter(position, intent));
    // Smaller than now (closing, or flipping to a smaller opposite side) always passes.
    if (resulting <= state.denial.max || resulting <= Math.abs(position)) return passIntent(outputs, intent);
    state.denial.position = resulting;
    return blockIntent(state.event, outputs, ctx, state.denial, intent);
  },
});
