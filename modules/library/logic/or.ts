// Either condition, e.g. "stop hit or time exit".
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const or = defineModule({
  type: 'logic/or',
  category: 'logic',
  title: 'Or',
  description:
    "True while at least one condition is true; either input emitting re-evaluates with the other's latest value.",
  inputs: {
    a: port.bool({ description: 'First condition.' }),
    b: port.bool({ description: 'Second condition.' }),
  },
  outputs: {
    out: port.bool({ description: 'a or b.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = orScalar(state, inputs.a, inputs.b);
  },
  scalar: orScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function orScalar(_state: null, a: boolean, b: boolean): boolean {
  return a || b;
}
