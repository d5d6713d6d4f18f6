// First difference of a series: the move since the previous emitted value.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const change = defineModule({
  type: 'math/change',
  category: 'math',
  title: 'Change',
  description:
    'The difference between each value and the one before it (x - x[1]), e.g. the move of a close.',
  inputs: {
    in: port.number({ description: 'The series to difference; one step per emitted value.' }),
  },
  outputs: {
    out: port.number({
      description: 'in minus its previous value; NaN on the first value and next to any NaN.',
    }),
  },
  params: {},
  // NaN as "no previous value" makes the first output NaN without a special case.
  init: () => ({ previous: Number.NaN }),
  step(state, inputs, outputs) {
    outputs.out = changeScalar(state, inputs.in);
  },
  scalar: changeScalar,
});

/** The step as a function of the input (ModuleDefinition.scalar). */
function changeScalar(state: { previous: number }, value: number): number {
  const change = value - state.previous;
  state.previous = value;
  return change;
}
