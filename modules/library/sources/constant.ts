// A fixed number, e.g. a threshold or a target leverage wired into other modules.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

/** Wide enough for any price, size or notional; finite so downstream sums stay finite. */
const constantMagnitudeMax = 1e15;

export const constant = defineModule({
  type: 'sources/constant',
  category: 'sources',
  title: 'Constant',
  description: 'Emits a fixed number once when created (and again whenever its value is edited).',
  inputs: {},
  outputs: {
    out: port.number({ description: 'The configured value, held for the whole run.' }),
  },
  params: {
    value: param.float({
      default: 0,
      min: -constantMagnitudeMax,
      max: constantMagnitudeMax,
      description: 'The number to emit.',
    }),
  },
  init: ({ value }) => ({ value, emitted: false }),
  step(state, _inputs, outputs) {
    // Emitting once is enough: outputs hold their value, and re-emitting every tick would
    // needlessly re-step everything downstream. A param edit re-creates the module, so it emits again.
    if (state.emitted) return false;
    state.emitted = true;
    outputs.out = state.value;
    return true;
  },
});
