// Population standard deviation over a window, times `devs` (TA-Lib STDDEV).
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRollingVariance, pushToVariance } from './internal/rolling-variance';

export const stddev = defineModule({
  type: 'indicators/stddev',
  category: 'indicators',
  title: 'Standard deviation',
  description:
    'Population standard deviation (divide by n) of the last `period` samples, times `devs` (TA-Lib STDDEV, ' +
    'defaults 5 and 1 as in TA-Lib). NaN until `period` samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series' }) },
  outputs: { out: port.number({ description: 'Deviation times devs' }) },
  params: {
    period: periodParam({ default: 5, min: 2 }),
    devs: param.float({ default: 1, min: 0, max: 100, description: 'Multiplier of the deviation' }),
  },
  init: ({ period, devs }) => ({ devs, variance: createRollingVariance(period) }),
  step(state, inputs, outputs) {
    if (Number.isNaN(inputs.in)) {
      outputs.out = Number.NaN;
      return;
    }
    outputs.out = pushToVariance(state.variance, inputs) ? state.variance.deviation * state.devs : Number.NaN;
  },
});
