// EMA as TA-Lib computes it: seeded with the SMA of the first `period` samples.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createSeededEma, stepSeededEma } from './internal/seeded-ema';

export const ema = defineModule({
  type: 'indicators/ema',
  category: 'indicators',
  title: 'EMA',
  description:
    'Exponential moving average, k = 2 / (period + 1), seeded with the SMA of the first `period` samples ' +
    '(TA-Lib EMA, default period 30 as in TA-Lib). NaN until then; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }) => createSeededEma(period),
  step(state, inputs, outputs) {
    outputs.out = stepSeededEma(state, inputs.in);
  },
  scalar: stepSeededEma,
});
