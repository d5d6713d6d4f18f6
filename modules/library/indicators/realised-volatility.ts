// Realised volatility: the root mean square of the last `period` log returns, scaled by
// sqrt(periodsPerYear). The mean return is not subtracted (the usual realised-volatility
// definition: over short windows the drift is noise, and a trend is movement too).
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';

interface State {
  period: number;
  scale: number;
  /** Squared log returns, a ring of `period`. */
  squares: Float64Array;
  next: number;
  count: number;
  sum: number;
  /** Non-zero squares in the ring: a window where nothing moved is exactly 0, not rounding residue. */
  nonZero: number;
  /** Pushes since the sum was last recomputed from the ring (so rounding never accumulates). */
  sinceExact: number;
  previous: number;
}

export const realisedVolatility = defineModule({
  type: 'indicators/realised-volatility',
  category: 'indicators',
  title: 'Realised volatility',
  description:
    'Root mean square of the last `period` log returns ln(x / x_prev), times sqrt(periodsPerYear) ' +
    '(1: per sample; 525,600 annualises 1-minute bars, 8,760 hourly). First value after period + 1 samples; ' +
    'a NaN or non-positive input is skipped and gives NaN.',
  inputs: { in: port.number({ description: 'Price series' }) },
  outputs: { out: port.number({ description: 'Realised volatility (a fraction: 0.5 = 50%)' }) },
  params: {
    period: periodParam({ default: 20, min: 2, description: 'Returns in the window' }),
    periodsPerYear: param.float({
      default: 1,
      min: 1,
      max: 31_536_000,
      description: 'Samples per year for annualising (1 leaves it per sample)',
    }),
  },
  init: ({ period, periodsPerYear }): State => ({
    period,
    scale: Math.sqrt(periodsPerYear),
    squares: new Float64Array(period),
    next: 0,
    count: 0,
    sum: 0,
    nonZero: 0,
    sinceExact: 0,
    previous: Number.NaN,
  }),
  step(state, inputs, outputs) {
    const x = inputs.in;
    if (!(x > 0)) {
      outputs.out = Number.NaN; // NaN, zero or negative: no log return
      return;
    }
    const previous = state.previous;
    state.previous = x;
    if (Number.isNaN(previous)) {
      outputs.out = Number.NaN;
      return;
    }
    const r = Math.log(x / previous);
    const square = r * r;
    const slot = state.next;
    const dropped = state.squares[slot];
    state.sum += square - dropped;
    state.nonZero += (square !== 0 ? 1 : 0) - (dropped !== 0 ? 1 : 0);
    if (state.nonZero === 0) state.sum = 0;
    state.squares[slot] = square;
    state.next = slot + 1 === state.period ? 0 : slot + 1;
    if (state.count < state.period) state.count++;
    if (++state.sinceExact >= state.period) {
      // Once a window, the sum is taken afresh: an add-and-subtract sum drifts by rounding.
      let exact = 0;
      for (let i = 0; i < state.period; i++) exact += state.squares[i];
      state.sum = exact;
      state.sinceExact = 0;
    }
    outputs.out =
      state.count < state.period
        ? Number.NaN
        : Math.sqrt(Math.max(0, state.sum) / state.period) * state.scale;
  },
});
