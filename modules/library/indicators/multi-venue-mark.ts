// A mark price from several venues' prices: the median of the prices present, after rejecting
// any price further than `maxDeviationBps` from the median of all of them (a venue with a
// stale or broken feed must not move the mark). Up to four venues; an unconnected or NaN input
// is absent. Median, not mean: one outlier inside the tolerance moves it least.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

interface State {
  maxDeviation: number;
  all: Float64Array;
  kept: Float64Array;
}

/** Sorts the first n values in place (insertion sort: n <= 4, no allocation). */
function sortPrefix(values: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > v) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = v;
  }
}

/** Median of the first n (sorted) values. */
function medianOf(values: Float64Array, n: number): number {
  const half = n >> 1;
  return n % 2 === 1 ? values[half] : (values[half - 1] + values[half]) / 2;
}

const venueInput = (which: string) =>
  port.number({ required: false, description: `Price on the ${which} venue (unconnected or NaN: absent)` });

export const multiVenueMark = defineModule({
  type: 'indicators/multi-venue-mark',
  category: 'indicators',
  title: 'Multi-venue mark',
  description:
    "Median of up to four venues' prices after rejecting those further than maxDeviationBps from the median of " +
    'all; outputs the mark and how many venues it used. NaN when no price is present.',
  inputs: {
    a: venueInput('first'),
    b: venueInput('second'),
    c: venueInput('third'),
    d: venueInput('fourth'),
  },
  outputs: {
    out: port.number({ description: 'Mark price' }),
    used: port.number({ description: 'Venues in the median after rejection' }),
  },
  params: {
    maxDeviationBps: param.float({
      default: 100,
      min: 0,
      max: 10_000,
      description: 'Rejection threshold, in basis points of the median of all prices',
    }),
  },
  init: ({ maxDeviationBps }): State => ({
    maxDeviation: maxDeviationBps / 10_000,
    all: new Float64Array(4),
    kept: new Float64Array(4),
  }),
  step(state, inputs, outputs) {
    const all = state.all;
    let n = 0;
    if (inputs.a > 0) all[n++] = inputs.a;
    if (inputs.b > 0) all[n++] = inputs.b;
    if (inputs.c > 0) all[n++] = inputs.c;
    if (inputs.d > 0) all[n++] = inputs.d;
    if (n === 0) {
      outputs.out = Number.NaN;
      outputs.used = 0;
      return;
    }
    sortPrefix(all, n);
    const median = medianOf(all, n);
    const kept = state.kept;
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(all[i] - median) <= state.maxDeviation * median) kept[k++] = all[i];
    }
    // Two venues that disagree are both outside the tolerance of their midpoint: nothing to
    // prefer, so the midpoint stands (with both counted).
    outputs.out = k === 0 ? median : medianOf(kept, k);
    outputs.used = k === 0 ? n : k;
  },
});
