// Momentum: the change over `period` samples, x - x[period ago] (TA-Lib MOM).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRingWindow, isWindowFull, oldestSample, pushToWindow } from './internal/ring-window';

export const mom = defineModule({
  type: 'indicators/mom',
  category: 'indicators',
  title: 'Momentum',
  description:
    'Change over `period` samples, x - x[period ago] (TA-Lib MOM, default period 10). ' +
    'First value after period + 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series' }) },
  outputs: { out: port.number({ description: 'Change' }) },
  params: { period: periodParam({ default: 10, min: 1 }) },
  init: ({ period }) => createRingWindow(period + 1),
  step(window, inputs, outputs) {
    const x = inputs.in;
    if (Number.isNaN(x)) {
      outputs.out = Number.NaN;
      return;
    }
    pushToWindow(window, x);
    outputs.out = isWindowFull(window) ? x - oldestSample(window) : Number.NaN;
  },
});
