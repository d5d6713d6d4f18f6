// Fires on the step where a crosses below b (price crossing below a trailing level): a < b now and a >= b at
// the previous step. "Previous" is the previous step of this module, i.e. the last time either
// input emitted, so two series that update on different ticks are compared on held values.
// A NaN on either side outputs false and forgets the previous values, so a gap in the data can
// never count as one side of a cross.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const crossUnder = defineModule({
  type: 'logic/cross-under',
  category: 'logic',
  title: 'Cross under',
  description:
    'True on the single step where a moves from at or above b to strictly below it, e.g. price crossing below a trailing level.',
  inputs: {
    a: port.number({ description: 'The series that crosses.' }),
    b: port.number({ description: 'The level or series it crosses, e.g. a constant or a slower average.' }),
  },
  outputs: {
    out: port.bool({
      description:
        'True on the crossing step only; false otherwise, until a previous value exists, and after a NaN.',
    }),
  },
  params: {},
  // NaN previous values mean "none yet": every comparison with them is false.
  init: () => ({ previousA: Number.NaN, previousB: Number.NaN }),
  step(state, inputs, outputs) {
    outputs.out = crossUnderScalar(state, inputs.a, inputs.b);
  },
  scalar: crossUnderScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function crossUnderScalar(state: { previousA: number; previousB: number }, a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    state.previousA = Number.NaN;
    state.previousB = Number.NaN;
    return false;
  }
  const crossed = a < b && state.previousA >= state.previousB;
  state.previousA = a;
  state.previousB = b;
  return crossed;
}
