// The one order in which market events from several streams (venues, symbols, kinds) reach a
// run, live or replayed: by exchange time, then venue, then symbol (code-unit order of the
// strings, not the locale), then kind in `kindRank` order; events equal on all of these keep
// the order their source gave them (a venue's own sequence, a recording's row order), the
// earlier input list first. The same inputs therefore always merge into the same sequence.

export interface OrderedMarketEvent {
  readonly kind: string;
  readonly venue: string;
  readonly symbol: string;
  readonly exchangeTimeMs: number;
}

/** Within one millisecond of one stream: the book first (what a trade traded against), then prints, then marks. */
export const kindRank: Readonly<Record<string, number>> = {
  book: 0,
  ticker: 1,
  trade: 2,
  mark: 3,
  funding: 4,
  openInterest: 5,
  ohlcv: 6,
};
/** Inputs merged at once: the merge scans every list's head per event. */
export const mergeListsMax = 1_024;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` goes first, positive when `b` does, 0 when only their source order decides. */
export function compareMarketEvents(a: OrderedMarketEvent, b: OrderedMarketEvent): number {
  return (
    a.exchangeTimeMs - b.exchangeTimeMs ||
    compareText(a.venue, b.venue) ||
    compareText(a.symbol, b.symbol) ||
    (kindRank[a.kind] ?? 99) - (kindRank[b.kind] ?? 99)
  );
}

/**
 * Merges lists that are each in time order (e.g. one per recorded stream) into one list in
 * the order above. A list whose times go backwards is refused: it was not recorded in order,
 * and merging it would quietly reorder its events.
 */
export function mergeMarketEvents<E extends OrderedMarketEvent>(lists: readonly (readonly E[])[]): E[] {
  if (lists.length > mergeListsMax)
    throw new Error(`mergeMarketEvents: at most ${mergeListsMax} lists, got ${lists.length}`);
  lists.forEach((list, which) => {
    for (let i = 1; i < list.length; i++) {
      if (list[i].exchangeTimeMs < list[i - 1].exchangeTimeMs) {
        throw new Error(
          `mergeMarketEvents: list ${which} goes back in time at event ${i} ` +
            `(${list[i].exchangeTimeMs} after ${list[i - 1].exchangeTimeMs})`,
        );
      }
    }
  });
  const heads = lists.map(() => 0);
  const merged: E[] = [];
  for (;;) {
    let best = -1;
    for (let which = 0; which < lists.length; which++) {
      if (heads[which] >= lists[which].length) continue;
      // Strictly less: on a tie the earlier list keeps its place.
      if (best < 0 || compareMarketEvents(lists[which][heads[which]], lists[best][heads[best]]) < 0) {
        best = which;
      }
    }
    if (best < 0) return merged;
    merged.push(lists[best][heads[best]++]);
  }
}
