// The funding and mark series of a run, walked forward bar by bar: each point is handed to the
// venue once, in time order, before the first bar that opens at or after it.
import type { FundingPoint, MarkPoint } from './session-types';

export interface MarketSeriesSink {
  mark(timeMs: number, price: number): void;
  funding(timeMs: number, rate: number): void;
}

export class MarketSeries {
  readonly #funding: readonly FundingPoint[];
  readonly #marks: readonly MarkPoint[];
  #fundingIndex = 0;
  #markIndex = 0;

  constructor(funding: readonly FundingPoint[] = [], marks: readonly MarkPoint[] = []) {
    this.#funding = funding;
    this.#marks = marks;
  }

  /** Whether a mark point has been handed out yet (before that, the mark is the last price). */
  get marksStarted(): boolean {
    return this.#markIndex > 0;
  }

  /** Hands `sink` every funding and mark point at or before `timeMs` (the open of the bar about to be walked). */
  upTo(timeMs: number, sink: MarketSeriesSink): void {
    const funding = this.#funding;
    const marks = this.#marks;
    for (;;) {
      const nextFunding = this.#fundingIndex < funding.length ? funding[this.#fundingIndex] : null;
      const nextMark = this.#markIndex < marks.length ? marks[this.#markIndex] : null;
      const fundingDue = nextFunding !== null && nextFunding.timeMs <= timeMs;
      const markDue = nextMark !== null && nextMark.timeMs <= timeMs;
      if (!fundingDue && !markDue) return;
      // At equal times the mark goes first: funding is paid at the mark of its moment.
      if (markDue && (!fundingDue || nextMark.timeMs <= nextFunding.timeMs)) {
        this.#markIndex++;
        sink.mark(nextMark.timeMs, nextMark.price);
      } else if (nextFunding) {
        this.#fundingIndex++;
        sink.funding(nextFunding.timeMs, nextFunding.rate);
      }
    }
  }
}
