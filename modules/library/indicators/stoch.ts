// Slow stochastic as TA-Lib computes it with its default SMA smoothing: fast %K over
// `fastkPeriod` bars, slow %K = SMA(fast %K), slow %D = SMA(slow %K). Like TA-Lib, both
// outputs start together, once %D has a value.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';
import { createRingWindow, pushToWindow } from './internal/ring-window';
import type { RingWindow } from './internal/ring-window';
import { createRollingExtremes, pushToExtremes } from './internal/rolling-extremes';

export const stoch = defineModule({
  type: 'indicators/stoch',
  category: 'indicators',
  title: 'Stochastic',
  description:
    'Slow stochastic, 0..100: fast %K = 100 (close - lowest low) / (highest high - lowest low), slow %K = ' +
    'SMA(fast %K, slowkPeriod), slow %D = SMA(slow %K, slowdPeriod) (TA-Lib STOCH, defaults 5 / 3 / 3). ' +
    'Both start after fastk + slowk + slowd - 2 bars; a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: {
    slowk: port.number({ description: 'Slow %K, 0..100' }),
    slowd: port.number({ description: 'Slow %D, 0..100' }),
  },
  params: {
    fastkPeriod: periodParam({ default: 5, min: 1, description: 'Bars in the high-low window' }),
    slowkPeriod: periodParam({ default: 3, min: 1, description: 'SMA period of fast %K' }),
    slowdPeriod: periodParam({ default: 3, min: 1, description: 'SMA period of slow %K' }),
  },
  init: ({ fastkPeriod, slowkPeriod, slowdPeriod }) => ({
    extremes: createRollingExtremes(fastkPeriod),
    fastK: createRingWindow(slowkPeriod),
    slowK: createRingWindow(slowdPeriod),
    rawK: Number.NaN,
  }),
  step(state, inputs, outputs) {
    const { high, low, close } = inputs;
    outputs.slowk = Number.NaN;
    outputs.slowd = Number.NaN;
    if (!isSample(high, low, close) || !pushToExtremes(state.extremes, inputs)) return;
    const { highest, lowest } = state.extremes;
    const scale = (highest - lowest) / 100;
    state.rawK = scale !== 0 ? (close - lowest) / scale : 0;
    smoothK(state, outputs);
  },
});

interface SmoothingState {
  fastK: RingWindow;
  slowK: RingWindow;
  rawK: number;
}

/**
 * The two SMAs of %K, in a function of their own so each has V8's whole inlining budget; only
 * objects cross the call (a double passed to or returned from a call that is not inlined is boxed).
 */
function smoothK(state: SmoothingState, outputs: { slowk: number; slowd: number }): void {
  const fastK = state.fastK;
  pushToWindow(fastK, state.rawK);
  if (fastK.count !== fastK.size) return;
  const slowK = fastK.sum / fastK.size;
  const slowKWindow = state.slowK;
  pushToWindow(slowKWindow, slowK);
  if (slowKWindow.count !== slowKWindow.size) return;
  const slowD = slowKWindow.sum / slowKWindow.size;
  outputs.slowk = slowK;
  outputs.slowd = slowD;
}
