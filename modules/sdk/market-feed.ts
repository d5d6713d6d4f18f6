// The market feed: live (or replayed) market state per stream, read by source modules during a
// tick, the way `feeds.trading` carries account state. A run that has market streams creates
// one MarketFeed (createMarketFeed) with one slot per stream its config names (venue, symbol),
// sets it once as `kernel.feeds.market`, and before each tick writes the newest values into
// the slots in place (never replacing the objects, so a step allocates nothing), bumping the
// slot's `version` when it changed. Source modules address a stream by its index in the run
// config (`stream` param), since params carry numbers, not strings.
//
// Not wired yet: server/engine/run.ts does not create one (the bridge from the market bus is
// the next step); until then `feeds.market` is absent and market sources emit nothing.

export interface MarketStreamState {
  readonly venue: string;
  readonly symbol: string;
  /** Bumped by the run whenever any field below changes. */
  version: number;
  last: number;
  bid: number;
  ask: number;
  markPrice: number;
  indexPrice: number;
  /** Rate per funding interval, a fraction; NaN when the venue has none. */
  fundingRate: number;
  nextFundingMs: number;
  /** Exchange time of the newest update (NaN before the first). */
  updatedAtMs: number;
  /** No update within the venue's stale window (the risk gate refuses orders on stale data). */
  stale: boolean;
}

export interface MarketFeed {
  readonly streams: readonly MarketStreamState[];
}

export const marketStreamsMax = 256;

export function createMarketFeed(streams: readonly { venue: string; symbol: string }[]): MarketFeed {
  if (streams.length > marketStreamsMax) {
    throw new Error(`a run reads at most ${marketStreamsMax} market streams, got ${streams.length}`);
  }
  return {
    streams: streams.map(({ venue, symbol }) => ({
      venue,
      symbol,
      version: 0,
      last: Number.NaN,
      bid: Number.NaN,
      ask: Number.NaN,
      markPrice: Number.NaN,
      indexPrice: Number.NaN,
      fundingRate: Number.NaN,
      nextFundingMs: Number.NaN,
      updatedAtMs: Number.NaN,
      stale: true,
    })),
  };
}
