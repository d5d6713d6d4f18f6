import { seededRandom } from '../../../sdk/seeded-random';

/** A random walk around `start`, in steps of up to +/- `step`. */
export function randomWalk(length: number, seed: number, start = 100, step = 1): number[] {
  const random = seededRandom(seed);
  const values: number[] = [];
  let x = start;
  for (let i = 0; i < length; i++) {
    x += (random() * 2 - 1) * step;
    values.push(x);
  }
  return values;
}
