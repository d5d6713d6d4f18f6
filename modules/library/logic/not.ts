// Inverts a condition, e.g. "not in a position".
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const not = defineModule({
  type: 'logic/not',
  category: 'logic',
  title: 'Not',
  description: 'True while the condition is false, and false while it is true.',
  inputs: {
    in: port.bool({ description: 'The condition to invert.' }),
  },
  outputs: {
    out: port.bool({ description: 'The opposite of in.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = notScalar(state, inputs.in);
  },
  scalar: notScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function notScalar(_state: null, value: boolean): boolean {
  return !value;
}
