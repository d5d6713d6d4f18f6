// SMA as TA-Lib computes it: a sliding sum over the last `period` samples.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRingWindow, pushToWindow, windowAverage } from './internal/ring-window';

export const sma = defineModule({
  type: 'indicators/sma',
  category: 'indicators',
  title: 'SMA',
  description:
    'Simple moving average of the last `period` samples (TA-Lib SMA, default period 30 as in TA-Lib). ' +
    'NaN until `period` samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }) => createRingWindow(period),
  step(window, inputs, outputs) {
    const x = inputs.in;
    if (Number.isNaN(x)) {
      outputs.out = Number.NaN;
      return;
    }
    pushToWindow(window, x);
    outputs.out = windowAverage(window);
  },
});
