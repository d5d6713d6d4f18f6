// One tick of live market data into a run's feed: the events that arrived since the previous
// tick, in the merge order of modules/sdk/market-event-order.ts, then each stream's data age and
// stale flag on the staleness clock. Shared by the live bridge (events off the bus, the wall
// clock) and the tape replay (the same events and clock readings, as a live run recorded them),
// so a backtest on a tape computes exactly what the live run did.
import type { MarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { compareMarketEvents } from '@patchdesk/modules/sdk/market-event-order';
import {
  applyMarketEvent,
  startMarketTick,
  type MarketFeedEvent,
} from '@patchdesk/modules/sdk/market-feed-writer';

export class MarketTickWriter {
  /** Staleness-clock time at which each stream last had an event (-Infinity: never). */
  private readonly lastEventMs: Float64Array;

  constructor(
    readonly feed: MarketFeed,
    private readonly staleAfterMs: number,
  ) {
    this.lastEventMs = new Float64Array(feed.streams.length).fill(Number.NEGATIVE_INFINITY);
  }

  /**
   * Sorts `batch` in place into merge order (stable), applies it, then ages the streams.
   * Returns the number of events applied (events of streams the feed lacks are skipped).
   */
  write(nowMs: number, batch: MarketFeedEvent[]): number {
    startMarketTick(this.feed);
    batch.sort(compareMarketEvents);
    let applied = 0;
    for (const event of batch) {
      const index = applyMarketEvent(this.feed, event);
      if (index < 0) continue;
      this.lastEventMs[index] = nowMs;
      applied++;
    }
    this.age(nowMs);
    return applied;
  }

  private age(nowMs: number): void {
    const streams = this.feed.streams;
    for (let i = 0; i < streams.length; i++) {
      const ageMs = nowMs - this.lastEventMs[i];
      // a plain field, not a version bump: the age moves every tick, the flag below rarely
      streams[i].dataAgeMs = ageMs === Number.POSITIVE_INFINITY ? Number.NaN : ageMs;
      const stale = ageMs > this.staleAfterMs;
      if (stale === streams[i].stale) continue;
      // Only the turn to stale happens here; an event already made the stream fresh.
      streams[i].stale = stale;
      streams[i].version++;
      this.feed.changed = true;
    }
  }
}
