// Adds two numbers; either input emitting updates the sum using the other input's latest value.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const add = defineModule({
  type: 'math/add',
  category: 'math',
  title: 'Add',
  description: 'Sums two series tick by tick, e.g. to combine signals or offset a price.',
  inputs: {
    a: port.number({ description: 'First addend.' }),
    b: port.number({ description: 'Second addend.' }),
  },
  outputs: {
    out: port.number({ description: 'a + b; NaN when either input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = addScalar(state, inputs.a, inputs.b);
  },
  scalar: addScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function addScalar(_state: null, a: number, b: number): number {
  return a + b;
}
