// WMA as TA-Lib computes it: weights 1..period (newest heaviest) kept with two running
// sums, so each step is O(1) and rounds as TA-Lib's does.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRingWindow, oldestSample, pushToWindow } from './internal/ring-window';
import type { RingWindow } from './internal/ring-window';

interface WmaState {
  readonly period: number;
  /** Sum of the weights, period (period + 1) / 2. */
  readonly divider: number;
  readonly window: RingWindow;
  /** Plain sum of the samples in the window. */
  plainSum: number;
  /** Weighted sum of the samples in the window. */
  weightedSum: number;
  /** The oldest sample of the current window: it leaves the plain sum on the next step. */
  trailing: number;
}

export const wma = defineModule({
  type: 'indicators/wma',
  category: 'indicators',
  title: 'WMA',
  description:
    'Linearly weighted moving average, weights 1..period with the newest heaviest (TA-Lib WMA, default period ' +
    '30 as in TA-Lib). NaN until `period` samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }): WmaState => ({
    period,
    divider: (period * (period + 1)) / 2,
    window: createRingWindow(period),
    plainSum: 0,
    weightedSum: 0,
    trailing: 0,
  }),
  step(state, inputs, outputs) {
    const x = inputs.in;
    if (Number.isNaN(x)) {
      outputs.out = Number.NaN;
      return;
    }
    pushToWindow(state.window, x);
    if (state.window.count < state.period) {
      state.plainSum += x;
      state.weightedSum += x * state.window.count;
      outputs.out = Number.NaN;
      return;
    }
    state.plainSum += x;
    state.plainSum -= state.trailing;
    state.weightedSum += x * state.period;
    state.trailing = oldestSample(state.window);
    outputs.out = state.weightedSum / state.divider;
    // Sliding one step lowers every weight by one: subtract each sample once.
    state.weightedSum -= state.plainSum;
  },
});
