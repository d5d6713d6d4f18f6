// Bollinger bands as TA-Lib computes them with its default SMA: middle = SMA, bands =
// middle +/- k * population standard deviation.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRollingVariance, pushToVariance, windowMean } from './internal/rolling-variance';

export const bbands = defineModule({
  type: 'indicators/bbands',
  category: 'indicators',
  title: 'Bollinger bands',
  description:
    'SMA middle band with bands at devUp / devDown population standard deviations (TA-Lib BBANDS with SMA). ' +
    "Default period 20 (Bollinger's own; TA-Lib's default is 5), 2 / 2. NaN until `period` samples; " +
    'a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series, usually the close' }) },
  outputs: {
    upper: port.number({ description: 'Middle + devUp deviations' }),
    middle: port.number({ description: 'SMA' }),
    lower: port.number({ description: 'Middle - devDown deviations' }),
  },
  params: {
    period: periodParam({ default: 20, min: 2 }),
    devUp: param.float({ default: 2, min: 0, max: 100, description: 'Deviations above the middle' }),
    devDown: param.float({ default: 2, min: 0, max: 100, description: 'Deviations below the middle' }),
  },
  init: ({ period, devUp, devDown }) => ({ devUp, devDown, variance: createRollingVariance(period) }),
  step(state, inputs, outputs) {
    if (Number.isNaN(inputs.in) || !pushToVariance(state.variance, inputs)) {
      outputs.upper = Number.NaN;
      outputs.middle = Number.NaN;
      outputs.lower = Number.NaN;
      return;
    }
    const middle = windowMean(state.variance);
    const deviation = state.variance.deviation;
    outputs.upper = middle + state.devUp * deviation;
    outputs.middle = middle;
    outputs.lower = middle - state.devDown * deviation;
  },
});
