// Turns numbers into a condition for logic modules and sinks, e.g. "z-score > 2".
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

const operators = ['>', '<', '>=', '<=', '=='] as const;

export const compare = defineModule({
  type: 'math/compare',
  category: 'math',
  title: 'Compare',
  description: 'True when a stands in the chosen relation to b (a > b, a < b, ...); any NaN makes it false.',
  inputs: {
    a: port.number({ description: 'Left-hand side of the comparison.' }),
    b: port.number({ description: 'Right-hand side, e.g. a threshold from a constant.' }),
  },
  outputs: {
    out: port.bool({ description: 'Result of a op b; false when either side is NaN.' }),
  },
  params: {
    op: param.enum({
      default: '>',
      values: operators,
      description: 'The relation to test; == is exact float equality.',
    }),
  },
  init: ({ op }) => ({ op }),
  step(state, inputs, outputs) {
    outputs.out = compareScalar(state, inputs.a, inputs.b);
  },
  scalar: compareScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function compareScalar(state: { op: (typeof operators)[number] }, a: number, b: number): boolean {
  // IEEE comparisons with NaN are already false, including ==, which is the documented rule.
  switch (state.op) {
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
  }
}
