// Smaller of two numbers; a NaN input gives NaN so missing data is never mistaken for a bound.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const min = defineModule({
  type: 'math/min',
  category: 'math',
  title: 'Min',
  description: 'The smaller of two series at each tick, e.g. to cap a size by a risk limit.',
  inputs: {
    a: port.number({ description: 'First value.' }),
    b: port.number({ description: 'Second value.' }),
  },
  outputs: {
    out: port.number({ description: 'The smaller of a and b; NaN when either input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = minScalar(state, inputs.a, inputs.b);
  },
  scalar: minScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function minScalar(_state: null, a: number, b: number): number {
  return Math.min(a, b);
}
