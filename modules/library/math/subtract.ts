// Subtracts two numbers; either input emitting updates the difference using the other input's latest value.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const subtract = defineModule({
  type: 'math/subtract',
  category: 'math',
  title: 'Subtract',
  description:
    'Subtracts b from a tick by tick, e.g. a spread between two prices or a fast minus slow average.',
  inputs: {
    a: port.number({ description: 'Minuend: the value subtracted from.' }),
    b: port.number({ description: 'Subtrahend: the value taken away.' }),
  },
  outputs: {
    out: port.number({ description: 'a - b; NaN when either input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = subtractScalar(state, inputs.a, inputs.b);
  },
  scalar: subtractScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function subtractScalar(_state: null, a: number, b: number): number {
  return a - b;
}
