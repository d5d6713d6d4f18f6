// The big red button: while the kill input (or the run's kill switch, from the RiskHub) is on,
// no new exposure passes. Cancels pass, and by default so do reduce-only orders, so a
// position can still be closed.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import { blockIntent, createGateEvent, gateOutputs, intentInput, passIntent } from './internal/gate';

const killSwitchOn: RiskDenialOf<'KILL_SWITCH_ON'> = Object.freeze({ code: 'KILL_SWITCH_ON' });

export const killSwitch = defineModule({
  type: 'risk/kill-switch',
  category: 'risk',
  title: 'Kill switch',
  description: 'Blocks every order while the kill input or the run-wide kill switch is on.',
  inputs: {
    in: intentInput,
    kill: port.bool({
      required: false,
      description: 'Blocks while true (the value held, not only when it emits).',
    }),
  },
  outputs: gateOutputs,
  params: {
    allowReduceOnly: param.bool({
      default: true,
      description: 'Let reduce-only orders through, to close positions.',
    }),
  },
  init: ({ allowReduceOnly }) => ({ event: createGateEvent('risk/kill-switch'), allowReduceOnly }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    const trading = ctx.feeds.trading;
    const on = inputs.kill || (trading !== null && trading !== undefined && trading.killSwitch);
    if (!on || intent.action === 'cancel' || (state.allowReduceOnly && intent.reduceOnly)) {
      return passIntent(outputs, intent);
    }
    return blockIntent(state.event, outputs, ctx, killSwitchOn, intent);
  },
});
