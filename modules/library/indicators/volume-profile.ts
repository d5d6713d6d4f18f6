// Volume profile over the last `period` samples (bars when fed from bars): volume summed per
// price bucket (bucket k holds prices in [k * bucketSize, (k + 1) * bucketSize)), the point of
// control (the bucket with the most volume; on a tie the lower price) and the value area, the
// buckets around it holding `valueAreaPercent` of the volume. Value area, market-profile
// convention: start at the point of control and repeatedly add the larger of the two buckets
// adjacent to the area, one bucket at a time; an empty bucket counts as zero volume; on a tie,
// the one above. Stop once the area holds the share. (Walking over empty buckets is done in
// one jump to the next bucket with volume: the same area, bounded work.)
//
// Feed it a price and a volume per sample: a bar's close (or typical price) and volume puts
// the whole bar's volume in one bucket; trades give an exact profile. NaN or infinite price
// and NaN or negative volume are skipped (TA-Lib policy, see README.md): not counted, output
// NaN for that step. A window whose volume is all zero has no point of control: NaN.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';

interface State {
  period: number;
  bucketSize: number;
  share: number;
  /** The window, by arrival: each sample's bucket and volume. */
  ringKeys: Float64Array;
  ringVolumes: Float64Array;
  next: number;
  count: number;
  /** The profile: distinct buckets in the window, ascending, their volume and sample count. */
  keys: Float64Array;
  volumes: Float64Array;
  samples: Int32Array;
  buckets: number;
  sinceExact: number;
  /** The bucket being looked up (a field, not an argument: see "Allocation-free steps" in README.md). */
  key: number;
}

/** First profile position whose bucket is >= state.key (binary search). */
function positionOf(state: State): number {
  const keys = state.keys;
  let low = 0;
  let high = state.buckets;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keys[middle] < state.key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Takes the window's oldest sample (at ring position `next`) out of the profile. */
function evictOldest(state: State): void {
  const at = state.next;
  state.key = state.ringKeys[at];
  const i = positionOf(state);
  state.volumes[i] -= state.ringVolumes[at];
  if (--state.samples[i] === 0) {
    const end = state.buckets;
    state.keys.copyWithin(i, i + 1, end);
    state.volumes.copyWithin(i, i + 1, end);
    state.samples.copyWithin(i, i + 1, end);
    state.buckets--;
  }
}

/** Adds the sample at ring position `next` to the profile. */
function addNewest(state: State): void {
  const at = state.next;
  state.key = state.ringKeys[at];
  const i = positionOf(state);
  if (i < state.buckets && state.keys[i] === state.key) {
    state.volumes[i] += state.ringVolumes[at];
    state.samples[i]++;
    return;
  }
  const end = state.buckets;
  state.keys.copyWithin(i + 1, i, end);
  state.volumes.copyWithin(i + 1, i, end);
  state.samples.copyWithin(i + 1, i, end);
  state.keys[i] = state.key;
  state.volumes[i] = state.ringVolumes[at];
  state.samples[i] = 1;
  state.buckets++;
}

/** Once a window the volumes are summed afresh, so add-and-subtract rounding never builds up. */
function resum(state: State): void {
  state.volumes.fill(0, 0, state.buckets);
  for (let j = 0; j < state.count; j++) {
    state.key = state.ringKeys[j];
    state.volumes[positionOf(state)] += state.ringVolumes[j];
  }
}

export const volumeProfile = defineModule({
  type: 'indicators/volume-profile',
  category: 'indicators',
  title: 'Volume profile',
  description:
    'Volume per price bucket over the last `period` samples: the point of control (the bucket with the most ' +
    'volume) and the value area around it holding valueAreaPercent of the volume.',
  inputs: {
    price: port.number({
      description: 'Price of the sample (a bar close or typical price, or a trade price)',
    }),
    volume: port.number({ description: 'Volume of the sample, base units' }),
  },
  outputs: {
    poc: port.number({ description: 'Point of control: middle of the bucket with the most volume' }),
    valueAreaHigh: port.number({ description: 'Upper edge of the highest bucket in the value area' }),
    valueAreaLow: port.number({ description: 'Lower edge of the lowest bucket in the value area' }),
  },
  params: {
    period: periodParam({ default: 30, min: 1, description: 'Samples in the window' }),
    bucketSize: param.float({
      default: 1,
      min: 1e-12,
      max: 1e12,
      description: 'Width of a price bucket, in price units (e.g. a multiple of the tick size)',
    }),
    valueAreaPercent: param.float({
      default: 70,
      min: 1,
      max: 100,
      description: 'Share of the window volume the value area holds, in percent',
    }),
  },
  init: ({ period, bucketSize, valueAreaPercent }): State => ({
    period,
    bucketSize,
    share: valueAreaPercent / 100,
    ringKeys: new Float64Array(period),
    ringVolumes: new Float64Array(period),
    next: 0,
    count: 0,
    keys: new Float64Array(period),
    volumes: new Float64Array(period),
    samples: new Int32Array(period),
    buckets: 0,
    sinceExact: 0,
    key: 0,
  }),
  step(state, inputs, outputs) {
    const { price, volume } = inputs;
    if (!(price > -Infinity && price < Infinity) || !(volume >= 0 && volume < Infinity)) {
      outputs.poc = Number.NaN;
      outputs.valueAreaHigh = Number.NaN;
      outputs.valueAreaLow = Number.NaN;
      return;
    }
    if (state.count === state.period) evictOldest(state);
    state.ringKeys[state.next] = Math.floor(price / state.bucketSize);
    state.ringVolumes[state.next] = volume;
    addNewest(state);
    state.next = state.next + 1 === state.period ? 0 : state.next + 1;
    if (state.count < state.period) state.count++;
    if (++state.sinceExact >= state.period) {
      resum(state);
      state.sinceExact = 0;
    }
    const { keys, volumes, buckets } = state;
    let poc = 0;
    let total = 0;
    for (let i = 0; i < buckets; i++) {
      total += volumes[i];
      if (volumes[i] > volumes[poc]) poc = i; // strictly: a tie keeps the lower price
    }
    if (!(total > 0)) {
      outputs.poc = Number.NaN;
      outputs.valueAreaHigh = Number.NaN;
      outputs.valueAreaLow = Number.NaN;
      return;
    }
    const target = state.share * total;
    let low = poc;
    let high = poc;
    let held = volumes[poc];
    // Each pass adds one bucket with volume, so at most `buckets` passes.
    while (held < target && (low > 0 || high < buckets - 1)) {
      const above = high < buckets - 1 && keys[high + 1] === keys[high] + 1 ? volumes[high + 1] : 0;
      const below = low > 0 && keys[low - 1] === keys[low] - 1 ? volumes[low - 1] : 0;
      // Both neighbours empty: the walk over empty buckets goes up (ties go up) while there
      // is volume above, else down, to the next bucket with volume.
      const goUp = above > 0 || below > 0 ? above >= below : high < buckets - 1;
      if (goUp) held += volumes[++high];
      else held += volumes[--low];
    }
    const size = state.bucketSize;
    outputs.poc = (keys[poc] + 0.5) * size;
    outputs.valueAreaHigh = (keys[high] + 1) * size;
    outputs.valueAreaLow = keys[low] * size;
  },
});
