// Multiplies two numbers; either input emitting updates the product using the other input's latest value.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const multiply = defineModule({
  type: 'math/multiply',
  category: 'math',
  title: 'Multiply',
  description: 'Multiplies two series tick by tick, e.g. a signal by a size or a price by a quantity.',
  inputs: {
    a: port.number({ description: 'First factor.' }),
    b: port.number({ description: 'Second factor.' }),
  },
  outputs: {
    out: port.number({ description: 'a * b; NaN when either input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = multiplyScalar(state, inputs.a, inputs.b);
  },
  scalar: multiplyScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function multiplyScalar(_state: null, a: number, b: number): number {
  return a * b;
}
