// A small seeded generator (mulberry32) so randomized tests are the same on every run.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
