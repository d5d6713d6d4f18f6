// Which probed series share a y axis: those of the same order of magnitude (a price and its
// moving averages), apart from those on another (an RSI between 0 and 100).

/** Scale key per series; series with no value yet get their own scale. */
export function plotScales(latestValues: readonly number[]): string[] {
  return latestValues.map((value, index) => {
    if (!Number.isFinite(value)) return `own${index}`;
    if (value === 0) return 'm0';
    return `m${Math.round(Math.log10(Math.abs(value)))}`;
  });
}
