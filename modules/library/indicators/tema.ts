// TEMA = 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), each EMA seeded as TA-Lib seeds it.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createSeededEma, stepSeededEma } from './internal/seeded-ema';

export const tema = defineModule({
  type: 'indicators/tema',
  category: 'indicators',
  title: 'TEMA',
  description:
    'Triple EMA: 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), all SMA-seeded as in TA-Lib (default period 30 as in ' +
    'TA-Lib). First value after 3 (period - 1) + 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }) => ({
    first: createSeededEma(period),
    second: createSeededEma(period),
    third: createSeededEma(period),
  }),
  step(state, inputs, outputs) {
    if (Number.isNaN(inputs.in)) {
      outputs.out = Number.NaN;
      return;
    }
    const first = stepSeededEma(state.first, inputs.in);
    const second = stepSeededEma(state.second, first);
    const third = stepSeededEma(state.third, second);
    outputs.out = third + (3 * first - 3 * second);
  },
});
