// The one-tick delay: the only way to build feedback (a position that depends on the previous
// signal that depends on the position). The kernel refuses cycles, except through a module
// with `latch`: its input does not order it within a tick; instead `latch` records the input
// at the end of the tick and asks for a wake-up one tick later, when `step` emits it.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const delay = defineModule({
  type: 'logic/delay',
  category: 'logic',
  title: 'Delay (one tick)',
  description:
    'Emits its input one tick later; the only module that may close a feedback loop (x[t] depends on x[t-1]).',
  inputs: {
    in: port.number({ description: 'The value to delay; read at the end of each tick it emits in.' }),
  },
  outputs: {
    out: port.number({
      description: 'The input as it was at the end of the previous tick it emitted in; NaN until then.',
    }),
  },
  params: {},
  init: () => ({ heldValue: Number.NaN, pending: false }),
  latch(state, inputs, ctx) {
    // Several emissions before the wake-up: the newest wins, as it is what the input last said.
    state.heldValue = inputs.in;
    state.pending = true;
    ctx.wakeAt(ctx.timeMs + ctx.tickIntervalMs);
  },
  step(state, _inputs, outputs) {
    // Only wake-ups step a latch module; one without a pending value has nothing to say.
    if (!state.pending) return false;
    outputs.out = state.heldValue;
    state.pending = false;
    return true;
  },
});
