// ATR as TA-Lib computes it: Wilder average of the true range, seeded with the mean of the
// first `period` true ranges.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { createAverageTrueRange, stepAverageTrueRange } from './internal/average-true-range';
import type { AverageTrueRange } from './internal/average-true-range';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';

export const atr = defineModule({
  type: 'indicators/atr',
  category: 'indicators',
  title: 'ATR',
  description:
    'Average true range, Wilder-smoothed and seeded with the mean of the first `period` true ranges ' +
    '(TA-Lib ATR, default period 14). First value after period + 1 bars; a bar with any NaN input is skipped ' +
    'and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: 'Average true range, price units' }) },
  params: { period: periodParam({ default: 14, min: 1 }) },
  init: ({ period }) => createAverageTrueRange(period),
  step(state, inputs, outputs) {
    outputs.out = atrScalar(state, inputs.high, inputs.low, inputs.close);
  },
  scalar: atrScalar,
});

/** The step as a function of the inputs (ModuleDefinition.scalar). */
function atrScalar(state: AverageTrueRange, high: number, low: number, close: number): number {
  return isSample(high, low, close) ? stepAverageTrueRange(state, high, low, close) : Number.NaN;
}
