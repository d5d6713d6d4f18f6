// Rate of change in percent over `period` samples (TA-Lib ROC).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRingWindow, isWindowFull, oldestSample, pushToWindow } from './internal/ring-window';

export const roc = defineModule({
  type: 'indicators/roc',
  category: 'indicators',
  title: 'Rate of change',
  description:
    'Percent change over `period` samples, (x / x[period ago] - 1) * 100; 0 when the old value is 0 ' +
    '(TA-Lib ROC, default period 10). First value after period + 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series' }) },
  outputs: { out: port.number({ description: 'Change, percent' }) },
  params: { period: periodParam({ default: 10, min: 1 }) },
  init: ({ period }) => createRingWindow(period + 1),
  step(window, inputs, outputs) {
    const x = inputs.in;
    if (Number.isNaN(x)) {
      outputs.out = Number.NaN;
      return;
    }
    pushToWindow(window, x);
    if (!isWindowFull(window)) {
      outputs.out = Number.NaN;
      return;
    }
    const old = oldestSample(window);
    outputs.out = old !== 0 ? (x / old - 1) * 100 : 0;
  },
});
