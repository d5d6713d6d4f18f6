// MACD as TA-Lib computes it. TA-Lib seeds the fast EMA with the SMA of the `fast` samples
// that end where the slow EMA's seed ends (not of the first `fast` samples), and outputs
// nothing until the signal EMA is seeded; we do the same so every value matches.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';
import { createSeededEma, stepSeededEma } from './internal/seeded-ema';
import type { SeededEma } from './internal/seeded-ema';

interface MacdState {
  readonly fast: SeededEma;
  readonly slow: SeededEma;
  readonly signal: SeededEma;
  /** Samples the fast EMA ignores at the start: slow - fast. */
  readonly fastDelay: number;
  seen: number;
}

export const macd = defineModule({
  type: 'indicators/macd',
  category: 'indicators',
  title: 'MACD',
  description:
    'MACD line = EMA(fast) - EMA(slow), signal = EMA(signal) of the line, hist = line - signal ' +
    '(TA-Lib MACD, defaults 12 / 26 / 9; fast and slow are swapped if given the wrong way round). ' +
    'All three start together after slow + signal - 1 samples; a NaN input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Series, usually the close' }) },
  outputs: {
    macd: port.number({ description: 'EMA(fast) - EMA(slow)' }),
    signal: port.number({ description: 'EMA of the MACD line' }),
    hist: port.number({ description: 'MACD - signal' }),
  },
  params: {
    fastPeriod: periodParam({ default: 12, min: 2, description: 'Fast EMA period' }),
    slowPeriod: periodParam({ default: 26, min: 2, description: 'Slow EMA period' }),
    signalPeriod: periodParam({ default: 9, min: 1, description: 'Signal EMA period' }),
  },
  init: ({ fastPeriod, slowPeriod, signalPeriod }): MacdState => {
    const fast = Math.min(fastPeriod, slowPeriod);
    const slow = Math.max(fastPeriod, slowPeriod);
    return {
      fast: createSeededEma(fast),
      slow: createSeededEma(slow),
      signal: createSeededEma(signalPeriod),
      fastDelay: slow - fast,
      seen: 0,
    };
  },
  step(state, inputs, outputs) {
    const x = inputs.in;
    let line = Number.NaN;
    let signal = Number.NaN;
    if (!Number.isNaN(x)) {
      const slow = stepSeededEma(state.slow, x);
      const fast = state.seen >= state.fastDelay ? stepSeededEma(state.fast, x) : Number.NaN;
      if (state.seen < state.fastDelay) state.seen++;
      line = fast - slow;
      signal = stepSeededEma(state.signal, line);
    }
    const ready = !Number.isNaN(signal);
    outputs.macd = ready ? line : Number.NaN;
    outputs.signal = signal;
    outputs.hist = ready ? line - signal : Number.NaN;
  },
});
