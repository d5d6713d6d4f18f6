// On-balance volume (TA-Lib OBV): starts at the first bar's volume, then adds the volume
// of up bars and subtracts that of down bars.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';

export const obv = defineModule({
  type: 'indicators/obv',
  category: 'indicators',
  title: 'OBV',
  description:
    'On-balance volume: the first volume, then + volume when the series rises, - volume when it falls ' +
    '(TA-Lib OBV). Valid from the first sample; a sample with any NaN input is skipped and gives NaN.',
  inputs: {
    in: port.number({ description: 'Series, usually the close' }),
    volume: port.number({ description: 'Bar volume' }),
  },
  outputs: { out: port.number({ description: 'Cumulative signed volume' }) },
  params: {},
  init: () => ({ started: false, previous: 0, total: 0 }),
  step(state, inputs, outputs) {
    const x = inputs.in;
    const volume = inputs.volume;
    if (!isSample(x, volume)) {
      outputs.out = Number.NaN;
      return;
    }
    if (!state.started) {
      state.started = true;
      state.total = volume;
    } else if (x > state.previous) state.total += volume;
    else if (x < state.previous) state.total -= volume;
    state.previous = x;
    outputs.out = state.total;
  },
});
