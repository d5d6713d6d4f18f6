// Larger of two numbers; a NaN input gives NaN so missing data is never mistaken for a bound.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const max = defineModule({
  type: 'math/max',
  category: 'math',
  title: 'Max',
  description: 'The larger of two series at each tick, e.g. to floor a value at zero.',
  inputs: {
    a: port.number({ description: 'First value.' }),
    b: port.number({ description: 'Second value.' }),
  },
  outputs: {
    out: port.number({ description: 'The larger of a and b; NaN when either input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = maxScalar(state, inputs.a, inputs.b);
  },
  scalar: maxScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function maxScalar(_state: null, a: number, b: number): number {
  return Math.max(a, b);
}
