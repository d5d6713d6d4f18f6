// Ratios (returns, spreads over volatility, size over equity) are where Infinity is born.
// An Infinity flowing into a sum or an EMA stays there silently and looks like a number on a
// probe, while NaN is visibly "no value" and compares false in every threshold. So any
// quotient that is not finite (x / 0, 0 / 0, overflow) comes out as NaN.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const divide = defineModule({
  type: 'math/divide',
  category: 'math',
  title: 'Divide',
  description:
    'Divides a by b tick by tick; division by zero or any non-finite result gives NaN, never Infinity.',
  inputs: {
    a: port.number({ description: 'Numerator.' }),
    b: port.number({ description: 'Denominator; zero makes the output NaN.' }),
  },
  outputs: {
    out: port.number({ description: 'a / b, or NaN when the quotient is not a finite number.' }),
  },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.out = divideScalar(state, inputs.a, inputs.b);
  },
  scalar: divideScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function divideScalar(_state: null, a: number, b: number): number {
  const quotient = a / b;
  return Number.isFinite(quotient) ? quotient : Number.NaN;
}
