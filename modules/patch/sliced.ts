// Work done in slices: a generator that yields every so often, so a caller with an event loop
// to keep turning (a live run validating a large hot patch between its ticks) can spread it
// over many turns, and everyone else runs it to the end at once.

/**
 * How many items (modules, cables, graph nodes) a sliced pass handles between two yields: a
 * few hundred microseconds of work, so a caller advancing it in turns of a few milliseconds
 * stops close to its budget.
 */
export const sliceItems = 512;

/** True on every `sliceItems`-th item: time to yield. */
export function sliceEnds(index: number): boolean {
  return index % sliceItems === sliceItems - 1;
}

/** Runs a sliced computation to its end, at once. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  let next = steps.next();
  while (next.done !== true) next = steps.next();
  return next.value;
}
