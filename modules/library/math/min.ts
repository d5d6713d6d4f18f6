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
  step(_state, inputs, outputs) {
    outputs.out = Math.min(inputs.a, inputs.b);
  },
});
