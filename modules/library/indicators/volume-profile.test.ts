import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../sdk/seeded-random';
import { runSeries } from '../../sdk/testing';
import { expectSkipsNaNInputs } from './testing/expect-skips-nan';
import { volumeProfile } from './volume-profile';

/**
 * The textbook algorithm, written out independently: every price level between the lowest
 * and highest bucket of the window, empty ones at zero volume; grow one level at a time from
 * the point of control by the larger neighbour, ties up.
 */
function naiveProfile(prices: number[], volumes: number[], bucketSize: number, share: number) {
  const byBucket = new Map<number, number>();
  prices.forEach((p, i) => {
    const k = Math.floor(p / bucketSize);
    byBucket.set(k, (byBucket.get(k) ?? 0) + volumes[i]);
  });
  const lowest = Math.min(...byBucket.keys());
  const highest = Math.max(...byBucket.keys());
  const level = (k: number) => byBucket.get(k) ?? 0;
  let poc = lowest;
  let total = 0;
  for (let k = lowest; k <= highest; k++) {
    total += level(k);
    if (level(k) > level(poc)) poc = k;
  }
  let low = poc;
  let high = poc;
  let held = level(poc);
  while (held < share * total && (low > lowest || high < highest)) {
    const above = high < highest ? level(high + 1) : -1;
    const below = low > lowest ? level(low - 1) : -1;
    if (above >= below) held += level(++high);
    else held += level(--low);
  }
  return {
    poc: (poc + 0.5) * bucketSize,
    valueAreaHigh: (high + 1) * bucketSize,
    valueAreaLow: low * bucketSize,
  };
}

const lastOf = (out: Record<string, number[]>) => ({
  poc: out.poc.at(-1),
  valueAreaHigh: out.valueAreaHigh.at(-1),
  valueAreaLow: out.valueAreaLow.at(-1),
});

describe('indicators/volume-profile', () => {
  it('finds the point of control and a 70% value area by hand', () => {
    // Buckets of 1: 100 -> 10 + 20, 101 -> 30, 102 -> 25, 99 -> 15; total 100, target 70.
    // POC: 100 and 101 tie at 30, the lower wins (100.5). From 100: above 101 (30) beats below
    // 99 (15): 60; then 102 (25) beats 99 (15): 85 >= 70. Area [100, 103).
    const price = [100.2, 101.7, 100.9, 102.5, 99.1, 101.2];
    const volume = [10, 30, 20, 25, 15, 5];
    const out = runSeries(
      volumeProfile,
      { period: 5 },
      { price: price.slice(0, 5), volume: volume.slice(0, 5) },
    );
    expect(lastOf(out)).toEqual({ poc: 100.5, valueAreaHigh: 103, valueAreaLow: 100 });
    // The sixth sample evicts the first: 100 -> 20, 101 -> 35, 102 -> 25, 99 -> 15; total 95,
    // target 66.5. POC 101. Above 102 (25) beats below 100 (20): 60; nothing above, so 100: 80.
    const six = runSeries(volumeProfile, { period: 5 }, { price, volume });
    expect(lastOf(six)).toEqual({ poc: 101.5, valueAreaHigh: 103, valueAreaLow: 100 });
    // The first sample alone: its own bucket is everything.
    expect([six.poc[0], six.valueAreaHigh[0], six.valueAreaLow[0]]).toEqual([100.5, 101, 100]);
  });

  it('walks over empty buckets upwards first (ties up), as the textbook does', () => {
    // 98 -> 2, 100 -> 10, 104 -> 1, 105 -> 8; total 21, target 14.7. From 100 both neighbours
    // are empty: up, through 101..103, to 104 (11); then 105 (8) beats empty 99: 19. [100, 106).
    const out = runSeries(
      volumeProfile,
      { period: 4 },
      { price: [100.5, 105.5, 104.5, 98.5], volume: [10, 8, 1, 2] },
    );
    expect(lastOf(out)).toEqual({ poc: 100.5, valueAreaHigh: 106, valueAreaLow: 100 });
    // 100% takes every bucket.
    const all = runSeries(
      volumeProfile,
      { period: 4, valueAreaPercent: 100 },
      { price: [100.5, 105.5, 104.5, 98.5], volume: [10, 8, 1, 2] },
    );
    expect(lastOf(all)).toEqual({ poc: 100.5, valueAreaHigh: 106, valueAreaLow: 98 });
  });

  it('matches the textbook algorithm on random windows, buckets and shares', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 40; trial++) {
      const period = 1 + Math.floor(random() * 40);
      const bucketSize = [0.5, 1, 2.5][trial % 3];
      const share = [0.7, 0.5, 0.9, 1][trial % 4];
      const price: number[] = [];
      const volume: number[] = [];
      let x = 100;
      for (let i = 0; i < 120; i++) {
        x += (random() - 0.5) * 3;
        price.push(x);
        // Whole volumes (and some zeros) keep every sum exact, so both must agree exactly.
        volume.push(Math.floor(random() * 6));
      }
      const out = runSeries(
        volumeProfile,
        { period, bucketSize, valueAreaPercent: share * 100 },
        { price, volume },
      );
      for (let i = 0; i < price.length; i++) {
        const from = Math.max(0, i + 1 - period);
        const windowVolume = volume.slice(from, i + 1).reduce((a, b) => a + b, 0);
        const got = {
          poc: out.poc[i],
          valueAreaHigh: out.valueAreaHigh[i],
          valueAreaLow: out.valueAreaLow[i],
        };
        if (windowVolume === 0) {
          expect(got.poc, `trial ${trial} step ${i}`).toBeNaN();
          continue;
        }
        expect(got, `trial ${trial} step ${i}`).toEqual(
          naiveProfile(price.slice(from, i + 1), volume.slice(from, i + 1), bucketSize, share),
        );
      }
    }
  });

  it('scales with price and bucket size together, bit for bit at powers of two', () => {
    const price = [100.2, 101.7, 100.9, 102.5, 99.1, 101.2, 103.3];
    const volume = [10, 30, 20, 25, 15, 5, 7];
    const base = runSeries(volumeProfile, { period: 5, bucketSize: 1 }, { price, volume });
    for (const k of [2 ** -40, 2 ** 40]) {
      const scaled = runSeries(
        volumeProfile,
        { period: 5, bucketSize: k },
        { price: price.map((p) => p * k), volume: volume.map((v) => v * 1e8) },
      );
      expect(scaled.poc).toEqual(base.poc.map((p) => p * k));
      expect(scaled.valueAreaLow).toEqual(base.valueAreaLow.map((p) => p * k));
    }
  });

  it('skips NaN and negative inputs, and gives NaN for a window without volume', () => {
    const out = runSeries(
      volumeProfile,
      { period: 3 },
      { price: [100, Number.NaN, 101, 102], volume: [0, 5, -1, 0] },
    );
    expect(out.poc.every((v) => Number.isNaN(v))).toBe(true);
    const price = [
      100.2, 101.7, 100.9, 102.5, 99.1, 101.2, 103.3, 98, 97.5, 100, 101, 102, 99, 100.5, 101.5, 100.2,
    ];
    const volume = price.map((_, i) => 1 + (i % 4));
    const priceInputs = price.concat(
      price.map((p) => p + 1),
      price.map((p) => p - 1),
    );
    expectSkipsNaNInputs(
      volumeProfile,
      { period: 6 },
      {
        price: priceInputs,
        volume: volume.concat(volume, volume),
      },
    );
  });
});
