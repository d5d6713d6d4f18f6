// Wilder's smoothed +DM, -DM and true range, shared by ADX, +DI and -DI. As in TA-Lib, the
// first `period - 1` one-bar values (bars 1..period-1) are summed, then each later bar
// applies s = s - s / period + x, so the sums are ready from bar `period` on.
import { trueRange } from './true-range';

export interface DirectionalMovement {
  readonly period: number;
  /** Bars seen, capped at period + 1 once the sums are ready. */
  bars: number;
  previousHigh: number;
  previousLow: number;
  previousClose: number;
  plusMovement: number;
  minusMovement: number;
  range: number;
}

export function createDirectionalMovement(period: number): DirectionalMovement {
  return {
    period,
    bars: 0,
    previousHigh: 0,
    previousLow: 0,
    previousClose: 0,
    plusMovement: 0,
    minusMovement: 0,
    range: 0,
  };
}

/** Take one bar; true when the smoothed sums are ready (bar index >= period). */
export function stepDirectionalMovement(
  dm: DirectionalMovement,
  high: number,
  low: number,
  close: number,
): boolean {
  if (dm.bars === 0) {
    remember(dm, high, low, close);
    dm.bars = 1;
    return false;
  }
  const up = high - dm.previousHigh;
  const down = dm.previousLow - low;
  let plus = 0;
  let minus = 0;
  // A bar moves one way only: the larger of the two moves counts, ties count neither.
  if (down > 0 && up < down) minus = down;
  else if (up > 0 && up > down) plus = up;
  const range = trueRange(high, low, dm.previousClose);
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
