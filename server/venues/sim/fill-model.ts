// The fill model's small rules, each a pure function a person can recompute: the path a bar
// is assumed to take, the slipped price of a taker fill, the fee, and a bar's volume budget.

export interface FillModel {
  /** Taker fills move this many basis points against the order (market, stops, marketable limits). */
  slippageBps: number;
  /** Fraction of a bar's volume our fills may take in that bar; the rest keeps working. Infinity: no cap. */
  participationCap: number;
}

/**
 * The four points a bar's price visits: open, then the extreme nearer the open, then the other
 * one, then close. When both extremes are equally near, the low comes first (the adverse order
 * for a long, which is the common case to be careful about).
 */
export function barPath(
  open: number,
  high: number,
  low: number,
  close: number,
): [number, number, number, number] {
  const highFirst = high - open < open - low;
  return highFirst ? [open, high, low, close] : [open, low, high, close];
}

/** barPath written into `out` (four slots): the venue's bar walk reuses one array per venue. */
export function barPathInto(out: number[], open: number, high: number, low: number, close: number): void {
  const highFirst = high - open < open - low;
  out[0] = open;
  out[1] = highFirst ? high : low;
  out[2] = highFirst ? low : high;
  out[3] = close;
}

/**
 * A taker's price after slippage, in ticks: buys pay more (rounded up to the tick), sells get
 * less (rounded down), never past the order's limit (NaN when there is none).
 */
export function slippedTicks(
  priceTicks: number,
  buy: boolean,
  slippageBps: number,
  limitTicks: number,
): number {
  const slipped = priceTicks * (1 + ((buy ? 1 : -1) * slippageBps) / 10_000);
  const nearest = Math.round(slipped);
  const rounded =
    Math.abs(slipped - nearest) < 1e-9 * Math.max(1, slipped)
      ? nearest
      : buy
        ? Math.ceil(slipped)
        : Math.floor(slipped);
  if (Number.isNaN(limitTicks)) return rounded;
  return buy ? Math.min(rounded, limitTicks) : Math.max(rounded, limitTicks);
}

/** Lots the bar lets us fill: floor(cap * volume / lot size); unlimited when the cap is Infinity. */
export function barBudgetLots(volume: number, participationCap: number, lotSize: number): number {
  if (participationCap === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return Math.floor((participationCap * Math.max(0, volume)) / lotSize + 1e-9);
}
