// The highest value of the last `period` values, a rolling high for breakouts or trailing stops.
// A NaN inside the window makes the output NaN until it slides out: a gap in the data must not
// quietly turn into a level a strategy trades against.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { createMonotonicDeque, stepRollingExtreme } from './monotonic-deque';

/** 100k values (about a day of 1 s bars) costs 1.6 MB of preallocated window per instance. */
const rollingPeriodMax = 100_000;

export const rollingMax = defineModule({
  type: 'math/rolling-max',
  category: 'math',
  title: 'Rolling max',
  description:
    'The highest of the last `period` values of a series, e.g. a rolling high for breakouts or trailing stops.',
  inputs: {
    in: port.number({ description: 'The series to scan; each emitted value is one step of the window.' }),
  },
  outputs: {
    out: port.number({
      description: 'Rolling maximum; NaN until `period` values are seen and while the window holds a NaN.',
    }),
  },
  params: {
    period: param.int({
      default: 20,
      min: 1,
      max: rollingPeriodMax,
      description: 'Window length, in emitted values of the input (bars, if fed by bars).',
    }),
  },
  init: ({ period }) => ({
    period,
    window: createMonotonicDeque(period, 'max'),
    seen: 0,
    lastNaNPosition: Number.NEGATIVE_INFINITY,
  }),
  step(state, inputs, outputs) {
    outputs.out = stepRollingExtreme(state, inputs.in);
  },
  scalar: stepRollingExtreme,
});
