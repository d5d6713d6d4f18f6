// Highest high and lowest low over the last `size` bars (STOCH, WILLR). Each extreme is
// tracked with the bar it came from and rescanned only when that bar leaves the window:
// O(1) per bar usually, O(size) at worst, no allocation. The push takes the bar as the
// module's inputs object, so no loose number crosses a call V8 may not inline (../README.md).
export interface RollingExtremes {
  readonly size: number;
  readonly highs: Float64Array;
  readonly lows: Float64Array;
  /** Bars pushed so far; the newest bar's number is bars - 1. */
  bars: number;
  highest: number;
  highestBar: number;
  lowest: number;
  lowestBar: number;
}

export function createRollingExtremes(size: number): RollingExtremes {
  return {
    size,
    highs: new Float64Array(size),
    lows: new Float64Array(size),
    bars: 0,
    highest: Number.NEGATIVE_INFINITY,
    highestBar: -1,
    lowest: Number.POSITIVE_INFINITY,
    lowestBar: -1,
  };
}

/** The bar prices a push reads: the module's own inputs object. */
export interface HighLow {
  readonly high: number;
  readonly low: number;
}

/** Take one bar; true once the window holds `size` bars. */
export function pushToExtremes(extremes: RollingExtremes, prices: HighLow): boolean {
  const { high, low } = prices;
  const bar = extremes.bars++;
  const slot = bar % extremes.size;
  extremes.highs[slot] = high;
  extremes.lows[slot] = low;
  const firstBar = Math.max(0, bar - extremes.size + 1);
  if (extremes.highestBar < firstBar) rescanHighest(extremes, firstBar, bar);
  else if (high >= extremes.highest) {
    extremes.highest = high;
    extremes.highestBar = bar;
  }
  if (extremes.lowestBar < firstBar) rescanLowest(extremes, firstBar, bar);
  else if (low <= extremes.lowest) {
    extremes.lowest = low;
    extremes.lowestBar = bar;
  }
  return extremes.bars >= extremes.size;
}

function rescanHighest(extremes: RollingExtremes, firstBar: number, lastBar: number): void {
  extremes.highest = Number.NEGATIVE_INFINITY;
  for (let bar = firstBar; bar <= lastBar; bar++) {
    const high = extremes.highs[bar % extremes.size];
    if (high >= extremes.highest) {
      extremes.highest = high;
      extremes.highestBar = bar;
    }
  }
}

function rescanLowest(extremes: RollingExtremes, firstBar: number, lastBar: number): void {
  extremes.lowest = Number.POSITIVE_INFINITY;
  for (let bar = firstBar; bar <= lastBar; bar++) {
    const low = extremes.lows[bar % extremes.size];
    if (low <= extremes.lowest) {
      extremes.lowest = low;
      extremes.lowestBar = bar;
    }
  }
}
