// Halts new entries once equity has fallen a fraction below its peak. The halt holds for the
// rest of the run (or until `reset` fires): a strategy in a drawdown it was not built for
// should stop adding, not resume when equity ticks up. Closing orders (reduce-only) and
// cancels still pass, so a position can always be flattened.
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
  passIntent,
} from './internal/gate';

export const maxDrawdown = defineModule({
  type: 'risk/max-drawdown',
  category: 'risk',
  title: 'Max drawdown',
  description:
    'Tracks peak equity and, once equity falls more than a fraction below it, blocks every order that is not reduce-only.',
  inputs: {
    in: intentInput,
    equity: port.number({
      description: 'Account equity (sources/account equity); each value updates the peak.',
    }),
    reset: port.bool({
      required: false,
      description: 'Lifts the halt and restarts the peak at the current equity.',
    }),
  },
  outputs: {
    ...gateOutputs,
    halted: port.bool({ description: 'True once the drawdown exceeded the maximum (until reset).' }),
    drawdown: port.number({ description: 'Current drawdown from peak equity, as a fraction (0.1 = 10 %).' }),
  },
  params: {
    maxDrawdown: param.float({
      default: 0.2,
      min: 0.001,
      max: 1,
      description: 'Largest fall from peak equity allowed before new entries halt (0.2 = 20 %).',
    }),
  },
  init: ({ maxDrawdown }) => ({
    event: createGateEvent('risk/max-drawdown'),
    denial: {
      code: 'DRAWDOWN_EXCEEDS_MAX',
      drawdown: Number.NaN,
      max: maxDrawdown,
    } as RiskDenialOf<'DRAWDOWN_EXCEEDS_MAX'>,
    peak: Number.NaN,
    drawdown: Number.NaN,
    halted: false,
  }),
  step(state, inputs, outputs, ctx) {
    const equity = inputs.equity;
    if (ctx.inputChanged('reset') && inputs.reset) {
      state.halted = false;
      state.peak = Number.NaN;
    }
    if (equity === equity) {
      if (!(equity <= state.peak)) state.peak = equity;
      state.drawdown = state.peak > 0 ? 1 - equity / state.peak : Number.NaN;
      if (state.drawdown > state.denial.max && !state.halted) {
        state.halted = true;
        state.denial.drawdown = state.drawdown;
      }
    }
    outputs.halted = state.halted;
    outputs.drawdown = state.drawdown;
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) {
      // Only the drawdown figures changed: emit them, with no intent.
      outputs.out = null;
      return true;
    }
    if (intent.action === 'cancel' || intent.reduceOnly) return passIntent(outputs, intent);
    if (state.halted) return blockIntent(state.event, outputs, ctx, state.denial, intent);
    if (state.peak !== state.peak) return blockIntent(state.event, outputs, ctx, equityMissing, intent);
    return passIntent(outputs, intent);
  },
});
