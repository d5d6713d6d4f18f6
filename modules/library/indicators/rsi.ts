// RSI as TA-Lib computes it: Wilder averages of gains and losses, seeded with the simple
// mean of the first `period` changes (first value after period + 1 samples).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createWilderAverage, stepWilderAverage } from './internal/wilder-average';
import type { WilderAverage } from './internal/wilder-average';

export const rsi = defineModule({
  type: 'indicators/rsi',
  category: 'indicators',
  title: 'RSI',
  description:
    'Relative strength index, 0..100, Wilder-smoothed gains and losses (TA-Lib RSI, default period 14). ' +
    'First value after period + 1 samples; 0 when nothing has moved since it started; a NaN input is skipped ' +
    'and gives NaN.',
  inputs: { in: port.number({ description: 'Series, usually the close' }) },
  outputs: { out: port.number({ description: 'RSI, 0..100' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }): RsiState => ({
    hasPrevious: false,
    previous: 0,
    gains: createWilderAverage(period),
    losses: createWilderAverage(period),
  }),
  step(state, inputs, outputs) {
    outputs.out = rsiScalar(state, inputs.in);
  },
  scalar: rsiScalar,
});

interface RsiState {
  hasPrevious: boolean;
  previous: number;
  readonly gains: WilderAverage;
  readonly losses: WilderAverage;
}

/** The step as a function of the input (ModuleDefinition.scalar). */
function rsiScalar(state: RsiState, x: number): number {
  if (Number.isNaN(x) || !state.hasPrevious) {
    if (!Number.isNaN(x)) {
      state.previous = x;
      state.hasPrevious = true;
    }
    return Number.NaN;
  }
  const change = x - state.previous;
  state.previous = x;
  const gain = stepWilderAverage(state.gains, change < 0 ? 0 : change);
  const loss = stepWilderAverage(state.losses, change < 0 ? -change : 0);
  const total = gain + loss;
  // Exactly 0 only when nothing has moved: the averages are sums of non-negative moves with no
  // cancelling subtraction, so they leave no residue to test against, and any threshold on
  // them (TA-Lib's 1e-8) would depend on the price scale.
  return Number.isNaN(total) ? Number.NaN : total > 0 ? 100 * (gain / total) : 0;
}
