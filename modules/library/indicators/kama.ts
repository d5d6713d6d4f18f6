// KAMA (Kaufman adaptive moving average) as TA-Lib computes it: an EMA whose factor follows
// the efficiency ratio |x - x[period ago]| / sum of |one-step changes| over `period` steps.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createRingWindow, oldestSample, pushToWindow } from './internal/ring-window';
import type { RingWindow } from './internal/ring-window';

/** Smoothing factors of a 30-sample (slowest) and 2-sample (fastest) EMA, as fixed by Kaufman and TA-Lib. */
const slowestFactor = 2 / (30 + 1);
const factorSpan = 2 / (2 + 1) - slowestFactor;

interface KamaState {
  readonly period: number;
  /** The last period + 1 samples. */
  readonly window: RingWindow;
  previous: number;
  /** Sum of |one-step change| over the last `period` steps. */
  pathLength: number;
  /** How many of those steps changed the value at all: 0 means the path is exactly flat. */
  movingSteps: number;
  /** The sample `period + 1` steps back; its change leaves the path on the next step. */
  trailing: number;
  value: number;
}

export const kama = defineModule({
  type: 'indicators/kama',
  category: 'indicators',
  title: 'KAMA',
  description:
    "Kaufman's adaptive moving average (TA-Lib KAMA, fast 2 / slow 30, default period 30 as in TA-Lib). " +
    'First value after period + 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series to average' }) },
  outputs: { out: port.number({ description: 'Average' }) },
  params: { period: periodParam({ default: 30, min: 2 }) },
  init: ({ period }): KamaState => ({
    period,
    window: createRingWindow(period + 1),
    previous: 0,
    pathLength: 0,
    movingSteps: 0,
    trailing: 0,
    value: 0,
  }),
  step(state, inputs, outputs) {
    const x = inputs.in;
    if (Number.isNaN(x)) {
      outputs.out = Number.NaN;
      return;
    }
    const seen = state.window.count;
    pushToWindow(state.window, x);
    if (seen > 0 && seen <= state.period) {
      state.pathLength += Math.abs(state.previous - x);
      if (x !== state.previous) state.movingSteps++;
    }
    if (seen < state.period) {
      state.previous = x;
      outputs.out = Number.NaN;
      return;
    }
    const reference = oldestSample(state.window);
    if (seen === state.period) {
      // First value: TA-Lib starts the average at the previous sample.
      state.value = state.previous;
    } else {
      state.pathLength -= Math.abs(state.trailing - reference);
      state.pathLength += Math.abs(x - state.previous);
      if (state.trailing !== reference) state.movingSteps--;
      if (x !== state.previous) state.movingSteps++;
    }
    // A flat path is exactly 0, not the residue the sliding sum keeps (which would then read as
    // a path against later small moves); TA-Lib instead treats any path under 1e-8 as flat,
    // which at a price near 1e-6 is every path.
    if (state.movingSteps === 0) state.pathLength = 0;
    state.trailing = reference;
    const change = x - reference;
    const efficiency =
      state.pathLength <= change || state.movingSteps === 0 ? 1 : Math.abs(change / state.pathLength);
    let factor = efficiency * factorSpan + slowestFactor;
    factor *= factor;
    state.value = (x - state.value) * factor + state.value;
    state.previous = x;
    outputs.out = state.value;
  },
});
