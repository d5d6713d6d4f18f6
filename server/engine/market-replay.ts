// Replays recorded market events (trades, books, marks, funding, open interest) into a run's
// market feed, on the tick grid: an event is delivered at the first tick at or after its
// exchange time, all events due at a tick in one batch, in the order of
// modules/sdk/market-event-order.ts (mergeMarketEvents puts per-stream recordings in it). So a
// backtest visits the same (tick, events) sequence on every run, and the same one a live run
// would have seen had those events arrived at their exchange times.
import type { MarketFeed } from '@patchdesk/modules/sdk/market-feed';
import {
  applyMarketEvent,
  startMarketTick,
  type MarketFeedEvent,
} from '@patchdesk/modules/sdk/market-feed-writer';
import { compareMarketEvents } from '@patchdesk/modules/sdk/market-event-order';
import { alignUpMs } from './tick-grid';

/** What a run asks of its market events (see RunOptions.market). */
export interface RunMarket {
  readonly feed: MarketFeed;
  /** Grid time of the next event, or Infinity when none remain. */
  nextEventMs(): number;
  /** Before the kernel tick at `timeMs`: write the events due by then into the feed. */
  beforeTick(timeMs: number): void;
  /**
   * True for events taken off the market bus as they arrive (MarketBridge): a live-paced run
   * only. Recorded events (false or absent) replay in virtual runs only.
   */
  readonly live?: boolean;
}

export class MarketReplay implements RunMarket {
  private cursor = 0;
  /** Events for streams the feed does not hold (written nowhere), counted. */
  private ignoredEvents = 0;

  constructor(
    readonly feed: MarketFeed,
    private readonly events: readonly MarketFeedEvent[],
    private readonly tickIntervalMs: number,
  ) {
    for (let i = 1; i < events.length; i++) {
      if (compareMarketEvents(events[i], events[i - 1]) < 0) {
        throw new Error(
          `market replay: event ${i} (${events[i].kind} ${events[i].venue} ${events[i].symbol} at ` +
            `${events[i].exchangeTimeMs}) comes before event ${i - 1}: merge the recordings with mergeMarketEvents`,
        );
      }
    }
  }

  get delivered(): number {
    return this.cursor;
  }

  get ignored(): number {
    return this.ignoredEvents;
  }

  get finished(): boolean {
    return this.cursor >= this.events.length;
  }

  nextEventMs(): number {
    if (this.cursor >= this.events.length) return Number.POSITIVE_INFINITY;
    return alignUpMs(this.events[this.cursor].exchangeTimeMs, this.tickIntervalMs);
  }

  beforeTick(timeMs: number): void {
    startMarketTick(this.feed);
    const events = this.events;
    while (
      this.cursor < events.length &&
      alignUpMs(events[this.cursor].exchangeTimeMs, this.tickIntervalMs) <= timeMs
    ) {
      if (applyMarketEvent(this.feed, events[this.cursor]) < 0) this.ignoredEvents++;
      this.cursor++;
    }
  }
}
