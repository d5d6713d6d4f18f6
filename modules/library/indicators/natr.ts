// NATR (TA-Lib): ATR as a percentage of the bar's close.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { createAverageTrueRange, stepAverageTrueRange } from './internal/average-true-range';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';

export const natr = defineModule({
  type: 'indicators/natr',
  category: 'indicators',
  title: 'Normalized ATR',
  description:
    'ATR / close * 100, 0 when the close is 0 (TA-Lib NATR, default period 14; period 1 is refused because ' +
    'TA-Lib then returns the raw true range). First value after period + 1 bars; a bar with any NaN input is ' +
    'skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: 'Average true range, percent of close' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }) => createAverageTrueRange(period),
  step(state, { high, low, close }, outputs) {
    if (!isSample(high, low, close)) {
      outputs.out = Number.NaN;
      return;
    }
    const range = stepAverageTrueRange(state, high, low, close);
    outputs.out = Number.isNaN(range) ? Number.NaN : close !== 0 ? (range / close) * 100 : 0;
  },
});
