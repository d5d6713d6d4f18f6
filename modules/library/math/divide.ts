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
  step(_state, inputs, outputs) {
    const quotient = inputs.a / inputs.b;
    outputs.out = Number.isFinite(quotient) ? quotient : Number.NaN;
  },
});
