// How many standard deviations the latest value sits from the mean of the last `period`
// values (population stddev), the usual mean-reversion signal.
//
// Numerics. The window's mean and m2 (sum of squared deviations) slide in O(1) per value with
// a Welford-style replace update, in coordinates re-centred on the mean after every update, so
// rounding scales with the window's spread and not with the price level (65 000 +- 0.01 keeps
// its digits). A replace update still loses precision when the variance collapses (a wide
// window followed by a tight one: m2 is then a small difference of large numbers), so the
// accumulated rounding is bounded by updates * eps * (largest m2 since the last exact pass),
// and the sums are recomputed exactly (compensated two-pass, O(period)) when that bound comes
// near the 1e-9 we promise, every `period` updates anyway, and when a gap leaves the window.
// Extra recomputes are spaced at least period / 8 updates apart, so the cost stays amortised
// O(1) (at most ~9 window passes per period values) even on adversarial data.
//
// A flat window (all values equal) has no spread, so the z-score is 0/0: NaN, detected exactly
// from the run of equal values rather than from a rounding-prone "stddev near zero" test.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

const zscorePeriodMax = 100_000;
/** Recompute once m2 may carry this relative error: 1e-11, a 100x margin on the promised 1e-9. */
const m2RelativeErrorMax = 1e-11;
/** Per-update rounding of the replace update, as a multiple of eps times the largest m2. */
const roundingPerUpdate = 4 * Number.EPSILON;
/** Extra recomputes are at least period / this many updates apart. */
const extraRecomputesPerPeriodMax = 8;

interface ZscoreState {
  period: number;
  minUpdatesBetweenExtraRecomputes: number;
  /** Ring buffer of the last `period` raw values; slot = position % period. */
  window: Float64Array;
  seen: number;
  /** Position of the newest non-finite value, which blanks the output while in the window. */
  lastGapPosition: number;
  /** Count of trailing values equal to the newest one. */
  equalRunLength: number;
  /** Reference subtracted from every value before the sums; kept near the window mean. */
  shift: number;
  /** Mean of (value - shift) over the window, close to 0. */
  shiftedMean: number;
  m2: number;
  /** Largest m2 since the last exact pass: what the rounding of replace updates scales with. */
  m2Peak: number;
  updatesSinceRecompute: number;
  /** True when shiftedMean and m2 describe the previous window (full, all values finite). */
  sumsValid: boolean;
}

function recompute(state: ZscoreState): void {
  const { window, period } = state;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += window[i];
  state.shift = sum / period;
  // Compensated second pass: the sum of deviations corrects the rounding of the first mean.
  let deviationSum = 0;
  let squaredSum = 0;
  for (let i = 0; i < period; i++) {
    const deviation = window[i] - state.shift;
    deviationSum += deviation;
    squaredSum += deviation * deviation;
  }
  state.shiftedMean = deviationSum / period;
  state.m2 = Math.max(0, squaredSum - deviationSum * state.shiftedMean);
  state.m2Peak = state.m2;
  state.updatesSinceRecompute = 0;
  state.sumsValid = true;
}

/** Replace `leaving` by `entering` in the window sums. */
function replaceUpdate(state: ZscoreState, leaving: number, entering: number): void {
  const enteringShifted = entering - state.shift;
  const leavingShifted = leaving - state.shift;
  const delta = enteringShifted - leavingShifted;
  const nextMean = state.shiftedMean + delta / state.period;
  state.m2 += delta * (enteringShifted - nextMean + leavingShifted - state.shiftedMean);
  if (state.m2 < 0) state.m2 = 0;
  if (state.m2 > state.m2Peak) state.m2Peak = state.m2;
  // Re-centre: move the mean into the shift, carrying the rounding of that move back.
  const recentredShift = state.shift + nextMean;
  state.shiftedMean = nextMean - (recentredShift - state.shift);
  state.shift = recentredShift;
  state.updatesSinceRecompute++;
}

function precisionAtRisk(state: ZscoreState): boolean {
  const roundingBound = state.updatesSinceRecompute * roundingPerUpdate * state.m2Peak;
  return (
    roundingBound > m2RelativeErrorMax * state.m2 &&
    state.updatesSinceRecompute >= state.minUpdatesBetweenExtraRecomputes
  );
}

export const zscore = defineModule({
  type: 'math/zscore',
  category: 'math',
  title: 'Z-score',
  description:
    'How many standard deviations the latest value is from the mean of the last `period` values (population stddev).',
  inputs: {
    in: port.number({
      description: 'The series to standardise; each emitted value is one step of the window.',
    }),
  },
  outputs: {
    out: port.number({
      description:
        '(in - mean) / stddev over the window; NaN until it is full, while it holds a NaN or infinity, or when all its values are equal.',
    }),
  },
  params: {
    period: param.int({
      default: 20,
      min: 2,
      max: zscorePeriodMax,
      description: 'Window length in emitted values, including the latest one.',
    }),
  },
  init: ({ period }): ZscoreState => ({
    period,
    minUpdatesBetweenExtraRecomputes: Math.ceil(period / extraRecomputesPerPeriodMax),
    window: new Float64Array(period),
    seen: 0,
    lastGapPosition: Number.NEGATIVE_INFINITY,
    equalRunLength: 0,
    shift: 0,
    shiftedMean: 0,
    m2: 0,
    m2Peak: 0,
    updatesSinceRecompute: 0,
    sumsValid: false,
  }),
  step(state, inputs, outputs) {
    outputs.out = zscoreScalar(state, inputs.in);
  },
  scalar: zscoreScalar,
});

/** The step as a function of the input (ModuleDefinition.scalar). */
function zscoreScalar(state: ZscoreState, value: number): number {
  const { period, window } = state;
  const position = state.seen++;
  const slot = position % period;
  const leaving = window[slot];
  const previous = position === 0 ? Number.NaN : window[(position - 1) % period];
  window[slot] = value;
  state.equalRunLength = value === previous ? state.equalRunLength + 1 : 1;
  // Infinity would turn the sums into NaN until the next recompute, so it counts as a gap too.
  if (!Number.isFinite(value)) state.lastGapPosition = position;

  const ready = state.seen >= period && position - state.lastGapPosition >= period;
  if (!ready) {
    state.sumsValid = false;
    return Number.NaN;
  }
  if (state.sumsValid && state.updatesSinceRecompute < period) {
    replaceUpdate(state, leaving, value);
    if (precisionAtRisk(state)) recompute(state);
  } else {
    recompute(state);
  }
  const stddev = Math.sqrt(state.m2 / period);
  // stddev is positive whenever two values differ; the second test only guards against underflow.
  if (state.equalRunLength >= period || !(stddev > 0)) {
    return Number.NaN;
  }
  return (value - state.shift - state.shiftedMean) / stddev;
}
