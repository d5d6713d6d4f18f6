// ADX as TA-Lib computes it: DX from the smoothed directional movement, then a Wilder
// average of DX seeded with the mean of the first `period` DX values.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { createDirectionalMovement, stepDirectionalMovement } from './internal/directional-movement';
import { anyNaN } from './internal/nan-policy';
import { isNearZero } from './internal/near-zero';
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
  step(state, { high, low, close }, outputs) {
    const { movement, average } = state;
    if (anyNaN(high, low, close) || !stepDirectionalMovement(movement, high, low, close)) {
      outputs.out = Number.NaN;
      return;
    }
    const dx = directionalIndex(movement.plusMovement, movement.minusMovement, movement.range);
    if (!Number.isNaN(dx)) outputs.out = stepWilderAverage(average, dx);
    // An undefined DX (no range, or no movement) counts as 0 while seeding, and later leaves
    // the average unchanged: both as TA-Lib does.
    else if (!isWilderSeeded(average)) outputs.out = stepWilderAverage(average, 0);
    else outputs.out = average.value;
  },
});

/** DX = 100 |+DI - -DI| / (+DI + -DI), or NaN when it is undefined. */
function directionalIndex(plusMovement: number, minusMovement: number, range: number): number {
  if (isNearZero(range)) return Number.NaN;
  const minusDi = 100 * (minusMovement / range);
  const plusDi = 100 * (plusMovement / range);
  const sum = minusDi + plusDi;
  return isNearZero(sum) ? Number.NaN : 100 * (Math.abs(minusDi - plusDi) / sum);
}
