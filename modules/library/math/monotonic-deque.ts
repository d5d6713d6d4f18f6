// Sliding-window minimum or maximum in amortised O(1): the deque keeps only values that can
// still become the window's extreme, in arrival order, so the front is always the answer.
// Storage is two preallocated ring buffers sized to the window, so pushing never allocates.

export interface MonotonicDeque {
  /** Kept values, a ring starting at `head`. */
  readonly values: Float64Array;
  /** Sequence number each kept value arrived at (exact as float64 up to 2^53). */
  readonly positions: Float64Array;
  readonly windowLength: number;
  /** True for a running maximum, false for a running minimum. */
  readonly keepLargest: boolean;
  head: number;
  size: number;
}

export function createMonotonicDeque(windowLength: number, extreme: 'max' | 'min'): MonotonicDeque {
  if (!Number.isInteger(windowLength) || windowLength < 1) {
    throw new Error(`monotonic deque: window length must be a positive integer, got ${windowLength}`);
  }
  return {
    values: new Float64Array(windowLength),
    positions: new Float64Array(windowLength),
    windowLength,
    keepLargest: extreme === 'max',
    head: 0,
    size: 0,
  };
}

/**
 * Add `value`, which arrived at sequence `position` (strictly increasing across calls), and drop
 * what fell out of the window (positions <= position - windowLength). NaN must be handled by the
 * caller: it is neither larger nor smaller than anything, so it would break the ordering.
 */
export function pushToWindow(deque: MonotonicDeque, value: number, position: number): void {
  if (Number.isNaN(value)) throw new Error(`monotonic deque: NaN pushed at position ${position}`);
  const { values, positions, windowLength } = deque;
  // Expire first, so at most windowLength - 1 values remain and the push always fits.
  while (deque.size > 0 && positions[deque.head] <= position - windowLength) {
    deque.head = deque.head + 1 === windowLength ? 0 : deque.head + 1;
    deque.size--;
  }
  // A newer value at least as extreme makes older ones irrelevant for the rest of their life.
  while (deque.size > 0) {
    const back = (deque.head + deque.size - 1) % windowLength;
    const dominated = deque.keepLargest ? values[back] <= value : values[back] >= value;
    if (!dominated) break;
    deque.size--;
  }
  const slot = (deque.head + deque.size) % windowLength;
  values[slot] = value;
  positions[slot] = position;
  deque.size++;
}

/** The extreme of the values pushed within the window ending at the last push; NaN when empty. */
export function windowExtreme(deque: MonotonicDeque): number {
  return deque.size === 0 ? Number.NaN : deque.values[deque.head];
}

/** State of math/rolling-min and math/rolling-max. */
export interface RollingExtremeState {
  readonly period: number;
  readonly window: MonotonicDeque;
  /** Values taken so far; the next one's position. */
  seen: number;
  lastNaNPosition: number;
}

/**
 * One step of a rolling extreme: the lowest (or highest) of the last `period` values, NaN until
 * `period` values were seen and while a NaN is among them.
 */
export function stepRollingExtreme(state: RollingExtremeState, value: number): number {
  const position = state.seen++;
  if (Number.isNaN(value)) state.lastNaNPosition = position;
  else pushToWindow(state.window, value, position);
  const full = state.seen >= state.period;
  const clean = position - state.lastNaNPosition >= state.period;
  return full && clean ? windowExtreme(state.window) : Number.NaN;
}
