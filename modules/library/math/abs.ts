// Magnitude without sign: distance from a level, size of a move, absolute exposure.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const abs = defineModule({
  type: 'math/abs',
  category: 'math',
  title: 'Absolute value',
  description: 'The magnitude of a series without its sign, e.g. the size of a return or of a position.',
  inputs: {
    in: port.number({ description: 'Any number.' }),
  },
  outputs: {
    out: port.number({ description: '|in|; NaN when the input is NaN.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = absScalar(state, inputs.in);
  },
  scalar: absScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function absScalar(_state: null, value: number): number {
  return Math.abs(value);
}
