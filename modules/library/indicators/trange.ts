// True range (TA-Lib TRANGE): the bar's range stretched to the previous close.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { trueRange } from './internal/true-range';

export const trange = defineModule({
  type: 'indicators/trange',
  category: 'indicators',
  title: 'True range',
  description:
    'max(high - low, |high - previous close|, |low - previous close|) (TA-Lib TRANGE). ' +
    'First value on the second bar; a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: 'True range' }) },
  params: {},
  init: () => ({ hasPreviousClose: false, previousClose: 0 }),
  step(state, { high, low, close }, outputs) {
    if (!isSample(high, low, close)) {
      outputs.out = Number.NaN;
      return;
    }
    outputs.out = state.hasPreviousClose ? trueRange(high, low, state.previousClose) : Number.NaN;
    state.previousClose = close;
    state.hasPreviousClose = true;
  },
});
