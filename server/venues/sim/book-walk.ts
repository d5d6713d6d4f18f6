// A market order against a recorded order-book snapshot: it takes the best level, then the
// next, each at its own price, until filled, out of depth, or past its limit. Depth already
// taken by an earlier order in the same snapshot is not there for the next one.

/** One side of a snapshot as ccxt gives it: [price, amount] pairs, best first. */
export type BookSide = readonly (readonly [number, number])[];

export interface BookSnapshot {
  symbol: string;
  timeMs: number;
  bids: BookSide;
  asks: BookSide;
}

/** A side converted to the market's grid once per snapshot: ticks and lots still available. */
export interface BookDepth {
  priceTicks: number[];
  lots: number[];
}

export interface BookTake {
  priceTicks: number;
  lots: number;
}

/**
 * Takes up to `wantedLots` from `depth` (mutating what is left), stopping at a level worse than
 * `limitTicks` (NaN: no limit). `buy` says which way worse is.
 */
export function walkBook(depth: BookDepth, wantedLots: number, buy: boolean, limitTicks: number): BookTake[] {
  const takes: BookTake[] = [];
  let remaining = wantedLots;
  for (let level = 0; level < depth.priceTicks.length && remaining > 0; level++) {
    const price = depth.priceTicks[level];
    if (!Number.isNaN(limitTicks) && (buy ? price > limitTicks : price < limitTicks)) break;
    const lots = Math.min(remaining, depth.lots[level]);
    if (lots <= 0) continue;
    depth.lots[level] -= lots;
    remaining -= lots;
    takes.push({ priceTicks: price, lots });
  }
  return takes;
}

/** Lots available up to the limit (for fill-or-kill). */
export function depthWithin(depth: BookDepth, buy: boolean, limitTicks: number): number {
  let total = 0;
  for (let level = 0; level < depth.priceTicks.length; level++) {
    const price = depth.priceTicks[level];
    if (!Number.isNaN(limitTicks) && (buy ? price > limitTicks : price < limitTicks)) break;
    total += depth.lots[level];
  }
  return total;
}
