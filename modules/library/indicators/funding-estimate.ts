// Funding-rate estimate from the premium index, as Binance USD-M computes its funding rate:
//   P = the premium index samples of the current funding interval, averaged with weights 1..n
//       (later samples weigh more);
//   F = P + clamp(I - P, -band, +band), then clamped to [-cap, +cap],
// with I the interest rate per interval (0.01% a day split in three: 0.0001 per 8 h) and band
// 0.05%. Intervals are aligned to UTC epoch multiples of `intervalHours` (00:00, 08:00, 16:00
// for 8 h), so the estimate restarts at each funding time.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

interface State {
  intervalMs: number;
  interest: number;
  band: number;
  cap: number;
  intervalStartMs: number;
  samples: number;
  weightedSum: number;
}

export const fundingEstimate = defineModule({
  type: 'indicators/funding-estimate',
  category: 'indicators',
  title: 'Funding-rate estimate',
  description:
    'Estimated funding rate for the current interval from premium-index samples (Binance formula): the ' +
    'sample-weighted average premium P plus clamp(interest - P, -band, band), clamped to +-cap. Restarts at each ' +
    'funding time (UTC multiples of intervalHours). A NaN sample is skipped and gives NaN.',
  inputs: {
    premium: port.number({ description: 'Premium index sample, a fraction ((impact mid - index) / index)' }),
  },
  outputs: {
    rate: port.number({ description: 'Estimated funding rate for this interval, a fraction' }),
    nextFundingMs: port.number({ description: 'When this interval ends (UTC ms)' }),
  },
  params: {
    intervalHours: param.int({ default: 8, min: 1, max: 24, description: 'Funding interval' }),
    interestRate: param.float({
      default: 0.0001,
      min: -0.01,
      max: 0.01,
      description: 'Interest rate per interval',
    }),
    band: param.float({ default: 0.0005, min: 0, max: 0.01, description: 'Clamp on interest - premium' }),
    cap: param.float({
      default: 0.0075,
      min: 0,
      max: 0.1,
      description: "The venue's funding-rate cap for the symbol",
    }),
  },
  init: ({ intervalHours, interestRate, band, cap }): State => ({
    intervalMs: intervalHours * 3_600_000,
    interest: interestRate,
    band,
    cap,
    intervalStartMs: Number.NaN,
    samples: 0,
    weightedSum: 0,
  }),
  step(state, inputs, outputs, ctx) {
    const premium = inputs.premium;
    if (Number.isNaN(premium)) {
      outputs.rate = Number.NaN;
      return;
    }
    const start = Math.floor(ctx.timeMs / state.intervalMs) * state.intervalMs;
    if (start !== state.intervalStartMs) {
      state.intervalStartMs = start;
      state.samples = 0;
      state.weightedSum = 0;
    }
    const n = ++state.samples;
    state.weightedSum += n * premium;
    const average = state.weightedSum / ((n * (n + 1)) / 2);
    const spread = Math.min(state.band, Math.max(-state.band, state.interest - average));
    outputs.rate = Math.min(state.cap, Math.max(-state.cap, average + spread));
    outputs.nextFundingMs = start + state.intervalMs;
  },
});
