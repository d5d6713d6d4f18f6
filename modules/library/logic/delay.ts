// The one-tick delay: the only way to build feedback (a position that depends on the previous
// signal that depends on the position). The kernel refuses cycles, except through a module
// with `latch`: its input does not order it within a tick; instead `latch` records the input
// at the end of the tick and asks for a wake-up one tick later, when `step` emits it.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

/** Wide enough for any price, size or notional (as sources/constant). */
const initialMagnitudeMax = 1e15;

// A class with its double field first set to NaN, so V8 stores it as an unboxed double from
// the start and latching a fractional value allocates nothing.
class DelayState {
  heldValue = Number.NaN;
  pending = false;
  constructor(initial: number, emitInitial: boolean) {
    this.heldValue = initial;
    this.pending = emitInitial;
  }
}

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
      description:
        'The input as it was at the end of the previous tick it emitted in; before that, `initial` when emitInitial is on, else NaN.',
    }),
  },
  params: {
    // "No initial value" is a separate bool rather than a NaN default: params travel as JSON
    // (patch files, hub messages, the editor's catalog), where NaN does not exist.
    emitInitial: param.bool({
      default: false,
      description:
        'Emit `initial` on the first tick, before anything was latched: the start of a feedback loop, such as 0 for a running sum.',
    }),
    initial: param.float({
      default: 0,
      min: -initialMagnitudeMax,
      max: initialMagnitudeMax,
      description: 'The value emitted on the first tick when emitInitial is on.',
    }),
  },
  init: ({ initial, emitInitial }) => new DelayState(initial, emitInitial),
  latch(state, inputs, ctx) {
    // Several emissions before the wake-up: the newest wins, as it is what the input last said.
    state.heldValue = inputs.in;
    state.pending = true;
    ctx.wakeAt(ctx.timeMs + ctx.tickIntervalMs);
  },
  step(state, _inputs, outputs) {
    // The kernel steps a latch module on its first tick and on its wake-ups; with nothing
    // pending (no initial value, nothing latched) it has nothing to say.
    if (!state.pending) return false;
    outputs.out = state.heldValue;
    state.pending = false;
    return true;
  },
});
