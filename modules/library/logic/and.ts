// Both conditions at once, e.g. "trend up and z-score below -2".
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const and = defineModule({
  type: 'logic/and',
  category: 'logic',
  title: 'And',
  description:
    "True while both conditions are true; either input emitting re-evaluates with the other's latest value.",
  inputs: {
    a: port.bool({ description: 'First condition.' }),
    b: port.bool({ description: 'Second condition.' }),
  },
  outputs: {
    out: port.bool({ description: 'a and b.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = andScalar(state, inputs.a, inputs.b);
  },
  scalar: andScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function andScalar(_state: null, a: boolean, b: boolean): boolean {
  return a && b;
}
