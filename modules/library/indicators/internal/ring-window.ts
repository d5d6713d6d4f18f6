// The last `size` samples in a preallocated ring, with a running sum. The sum is kept as
// (sum - oldest) + newest, the order TA-Lib's sliding sums use, so averages round alike. Once
// every sample in the window is 0 the sum is exactly 0, not the residue sliding leaves behind
// (a smoothed %K of a close pinned at the low is 0, not 1e-14).
export interface RingWindow {
  readonly size: number;
  /** Physical slots; the next sample goes to `next`, which also holds the oldest once full. */
  readonly values: Float64Array;
  next: number;
  /** Samples held, at most `size`. */
  count: number;
  /** Samples held that are not 0. */
  nonZero: number;
  sum: number;
  /** The sample the last push dropped, NaN while the window was filling. A field, not a return
   * value: a double returned from a call V8 does not inline is boxed (16 bytes a push). */
  dropped: number;
}

export function createRingWindow(size: number): RingWindow {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`ring window: size must be a positive integer, got ${size}`);
  return { size, values: new Float64Array(size), next: 0, count: 0, nonZero: 0, sum: 0, dropped: Number.NaN };
}

/** Add a sample; `window.dropped` is then the sample it pushed out, or NaN while filling. */
export function pushToWindow(window: RingWindow, x: number): void {
  if (window.count === window.size) {
    const dropped = window.values[window.next];
    window.dropped = dropped;
    window.sum -= dropped;
    if (dropped !== 0) window.nonZero--;
  } else {
    window.dropped = Number.NaN;
    window.count++;
  }
  window.sum += x;
  if (x !== 0) window.nonZero++;
  if (window.nonZero === 0) window.sum = 0;
  window.values[window.next] = x;
  window.next = window.next + 1 === window.size ? 0 : window.next + 1;
}

export function isWindowFull(window: RingWindow): boolean {
  return window.count === window.size;
}

/** The sample pushed `ago` pushes back (0 = newest); `ago` must be below `count`. */
export function sampleAgo(window: RingWindow, ago: number): number {
  const slot = window.next - 1 - ago;
  return window.values[slot < 0 ? slot + window.size : slot];
}

/** The oldest sample held (the one the next push drops once full). */
export function oldestSample(window: RingWindow): number {
  return sampleAgo(window, window.count - 1);
}

/** Mean of a full window, NaN while it is filling. */
export function windowAverage(window: RingWindow): number {
  return window.count === window.size ? window.sum / window.size : Number.NaN;
}
