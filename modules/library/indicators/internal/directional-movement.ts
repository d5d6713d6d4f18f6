// Wilder's smoothed +DM, -DM and true range, shared by ADX, +DI and -DI. As in TA-Lib, the
// first `period - 1` one-bar values (bars 1..period-1) are summed, then each later bar
// applies s = s - s / period + x, so the sums are ready from bar `period` on.
//
// The step takes the bar as the module's inputs object, leaves its results in the state and
// calls nothing that takes or returns a number: V8 boxes (allocates) numbers passed to or
// returned from a call it does not inline, and this helper is big enough that V8 may not
// inline it, or what it calls (see ../README.md, "Allocation-free steps").
/** The bar prices a step reads: the module's own inputs object. */
export interface HighLowClose {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export class DirectionalMovement {
  /** Bars seen, capped at period + 1 once the sums are ready. */
  bars = 0;
  // Doubles start as NaN so V8 stores them as doubles from the first write.
  previousHigh = Number.NaN;
  previousLow = Number.NaN;
  previousClose = Number.NaN;
  plusMovement = Number.NaN;
  minusMovement = Number.NaN;
  range = Number.NaN;

  constructor(readonly period: number) {
    this.plusMovement = 0;
    this.minusMovement = 0;
    this.range = 0;
  }
}

export function createDirectionalMovement(period: number): DirectionalMovement {
  return new DirectionalMovement(period);
}

/** Take one bar; true when the smoothed sums are ready (bar index >= period). */
export function stepDirectionalMovement(dm: DirectionalMovement, bar: HighLowClose): boolean {
  const { high, low, close } = bar;
  if (dm.bars === 0) {
    remember(dm, high, low, close);
    dm.bars = 1;
    return false;
  }
  const up = high - dm.previousHigh;
  const down = dm.previousLow - low;
  let plus = 0;
  let minus = 0;
  // A bar moves one way only: the larger of the two moves counts, ties count neither. Moves
  // that differ by less than the rounding of the four prices are a tie: prices carry up to half
  // an ulp each, so a tie in the venue's decimal prices (both moves one tick) can come out a few
  // ulps apart, one way at one price scale and the other way at another. Exact on the fixture's
  // integer prices, where moves are whole numbers and ties exact.
  const tieTolerance =
    Number.EPSILON * (Math.abs(high) + Math.abs(dm.previousHigh) + Math.abs(low) + Math.abs(dm.previousLow));
  if (!(Math.abs(up - down) <= tieTolerance)) {
    if (down > 0 && up < down) minus = down;
    else if (up > 0 && up > down) plus = up;
  }
  // The true range, written out as in true-range.ts (same comparisons in the same order)
  // rather than called: see the note on calls at the top.
  const previousClose = dm.previousClose;
  let range = high - low;
  const upGap = Math.abs(high - previousClose);
  if (upGap > range) range = upGap;
  const downGap = Math.abs(low - previousClose);
  if (downGap > range) range = downGap;
  remember(dm, high, low, close);
  if (dm.bars < dm.period) {
    dm.plusMovement += plus;
    dm.minusMovement += minus;
    dm.range += range;
    dm.bars++;
    return false;
  }
  dm.plusMovement = dm.plusMovement - dm.plusMovement / dm.period + plus;
  dm.minusMovement = dm.minusMovement - dm.minusMovement / dm.period + minus;
  dm.range = dm.range - dm.range / dm.period + range;
  dm.bars = dm.period + 1;
  return true;
}

function remember(dm: DirectionalMovement, high: number, low: number, close: number): void {
  dm.previousHigh = high;
  dm.previousLow = low;
  dm.previousClose = close;
}
