// Williams %R (TA-Lib WILLR): where the close sits in the window's high-low range, -100..0.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';
import { createRollingExtremes, pushToExtremes } from './internal/rolling-extremes';

export const willr = defineModule({
  type: 'indicators/willr',
  category: 'indicators',
  title: 'Williams %R',
  description:
    '-100 * (highest high - close) / (highest high - lowest low) over `period` bars, -100..0; 0 when the range ' +
    'is 0 (TA-Lib WILLR, default period 14). NaN until `period` bars; a bar with any NaN input is skipped and ' +
    'gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: '%R, -100..0' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }) => createRollingExtremes(period),
  step(extremes, inputs, outputs) {
    const { high, low, close } = inputs;
    if (!isSample(high, low, close) || !pushToExtremes(extremes, inputs)) {
      outputs.out = Number.NaN;
      return;
    }
    const scale = (extremes.highest - extremes.lowest) / -100;
    outputs.out = scale !== 0 ? (extremes.highest - close) / scale : 0;
  },
});
