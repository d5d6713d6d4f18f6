// DEMA = 2 EMA - EMA(EMA), each EMA seeded as TA-Lib seeds it (first value at 2 (period - 1)).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createSeededEma, stepSeededEma } from './internal/seeded-ema';

export const dema = defineModule({
  type: 'indicators/dema',
  category: 'indicators',
  title: 'DEMA',
  description:
    'Double EMA: 2 EMA - EMA of the EMA, both SMA-seeded as in TA-Lib (default period 30 as in TA-Lib). ' +
    'First value after 2 (period - 1) + 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }) => ({ first: createSeededEma(period), second: createSeededEma(period) }),
  step(state, inputs, outputs) {
    if (Number.isNaN(inputs.in)) {
      outputs.out = Number.NaN;
      return;
    }
    const first = stepSeededEma(state.first, inputs.in);
    // The inner EMA's warm-up NaNs are skipped by the outer one, so it seeds on valid values only.
    const second = stepSeededEma(state.second, first);
    outputs.out = 2 * first - second;
  },
});
