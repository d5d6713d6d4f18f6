// True range of a bar against the previous close, compared in TA-Lib's order.
export function trueRange(high: number, low: number, previousClose: number): number {
  let range = high - low;
  const upGap = Math.abs(high - previousClose);
  if (upGap > range) range = upGap;
  const downGap = Math.abs(low - previousClose);
  if (downGap > range) range = downGap;
  return range;
}
