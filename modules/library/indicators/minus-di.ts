// -DI as TA-Lib computes it: 100 * smoothed -DM / smoothed true range.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { createDirectionalMovement, stepDirectionalMovement } from './internal/directional-movement';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';

export const minusDi = defineModule({
  type: 'indicators/minus_di',
  category: 'indicators',
  title: '-DI',
  description:
    "Minus directional indicator, 0..100, Wilder's smoothing (TA-Lib MINUS_DI, default period 14; period 1, " +
    'which TA-Lib reports unscaled, is refused). First value after period + 1 bars; 0 when the range is 0; ' +
    'a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: '-DI, 0..100' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }) => createDirectionalMovement(period),
  step(state, inputs, outputs) {
    if (!isSample(inputs.high, inputs.low, inputs.close) || !stepDirectionalMovement(state, inputs)) {
      outputs.out = Number.NaN;
      return;
    }
    // Exactly 0 range only before anything moved; see plus-di.ts.
    outputs.out = state.range > 0 ? 100 * (state.minusMovement / state.range) : 0;
  },
});
