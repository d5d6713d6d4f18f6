// ADX as TA-Lib computes it: DX from the smoothed directional movement, then a Wilder
// average of DX seeded with the mean of the first `period` DX values.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { createDirectionalMovement, stepDirectionalMovement } from './internal/directional-movement';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';
import { createWilderAverage, isWilderSeeded, stepWilderAverage } from './internal/wilder-average';

export const adx = defineModule({
  type: 'indicators/adx',
  category: 'indicators',
  title: 'ADX',
  description:
    "Average directional index, 0..100, Wilder's smoothing throughout (TA-Lib ADX, default period 14). " +
    'First value after 2 period bars; a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: 'ADX, 0..100' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }) => ({
    movement: createDirectionalMovement(period),
    average: createWilderAverage(period),
  }),
  step(state, inputs, outputs) {
    const { movement, average } = state;
    if (!isSample(inputs.high, inputs.low, inputs.close) || !stepDirectionalMovement(movement, inputs)) {
      outputs.out = Number.NaN;
      return;
    }
    // DX = 100 |+DI - -DI| / (+DI + -DI), undefined (NaN) without range or movement. Written
    // out rather than called, so the step passes no loose number to a call V8 might not inline.
    // Both sums are Wilder-smoothed non-negative values, exactly 0 only when nothing moved (no
    // residue), so the tests are on exact 0 where TA-Lib has 1e-8, which depends on the scale.
    let dx = Number.NaN;
    if (movement.range > 0) {
      const minusDi = 100 * (movement.minusMovement / movement.range);
      const plusDi = 100 * (movement.plusMovement / movement.range);
      const sum = minusDi + plusDi;
      if (sum > 0) dx = 100 * (Math.abs(minusDi - plusDi) / sum);
    }
    // An undefined DX counts as 0 while seeding, and later leaves the average unchanged: both
    // as TA-Lib does.
    if (Number.isNaN(dx) && isWilderSeeded(average)) outputs.out = average.value;
    else outputs.out = stepWilderAverage(average, Number.isNaN(dx) ? 0 : dx);
  },
});
