// The market feed: live (or replayed) market state per stream, read by source modules during a
// tick, the way `feeds.trading` carries account state. A run that has market streams creates
// one MarketFeed (createMarketFeed) with one slot per stream its config names (venue, symbol),
// sets it once as `kernel.feeds.market`, and before each tick writes the tick's events into
// the slots in place (`market-feed-writer.ts`: never replacing the objects or arrays, so a
// step allocates nothing), bumping the slot's versions for what changed and setting
// `changed`, which makes every module declared with `feed: 'market'` step in that tick (the
// kernel clears it after the tick). Source modules address a stream by its index in the run
// config (`stream` param), since params carry numbers, not strings.
//
// Engine wiring: server/engine/market-replay.ts replays recorded events into a run's feed
// (backtests); server/engine/market-bridge.ts fills it from the market bus in live and paper
// runs whose run config lists `streams`.

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
  /**
   * How long ago the stream's newest event arrived, on the live bridge's clock, as of the
   * latest tick (NaN before the first event, and always in a replay: history is never stale).
   * risk/stale-data compares it with its own limit.
   */
  dataAgeMs: number;

  /** Bumped per tick in which trades arrived (the trade figures below are that tick's). */
  tradeVersion: number;
  /** The newest trade: price, amount (base units), aggressor (+1 buy, -1 sell). */
  tradePrice: number;
  tradeAmount: number;
  tradeSide: number;
  /** Trades since the run's previous tick (startMarketTick resets them), their volumes and notional. */
  tradeCount: number;
  tradeVolume: number;
  buyVolume: number;
  sellVolume: number;
  /** Sum of price * amount, for the tick's volume-weighted price. */
  tradeNotional: number;

  /** Bumped when the book changed. Levels best first: bids descending, asks ascending. */
  bookVersion: number;
  bidPrices: Float64Array;
  bidSizes: Float64Array;
  askPrices: Float64Array;
  askSizes: Float64Array;
  /** Levels in use at the front of the arrays above (at most bookLevelsMax each). */
  bidLevels: number;
  askLevels: number;
  /** Venue sequence of the newest book update (NaN before the first). */
  bookSequence: number;

  /** Bumped on each mark (and index) update; on each funding update; on each open-interest update. */
  markVersion: number;
  fundingVersion: number;
  openInterestVersion: number;
  /** Open interest in contracts (base units for linear perpetuals), and its quote value (NaN unknown). */
  openInterest: number;
  openInterestValue: number;
}

export interface MarketFeed {
  readonly streams: readonly MarketStreamState[];
  /** Set by the writer when an event was applied; modules with `feed: 'market'` step in a tick where it is true. */
  changed: boolean;
}

export const marketStreamsMax = 256;
/** Book levels kept per side and stream: deeper levels of a snapshot are cut off. */
export const bookLevelsMax = 64;

export function createMarketFeed(streams: readonly { venue: string; symbol: string }[]): MarketFeed {
  if (streams.length > marketStreamsMax) {
    throw new Error(`a run reads at most ${marketStreamsMax} market streams, got ${streams.length}`);
  }
  return { streams: streams.map(({ venue, symbol }) => createStreamState(venue, symbol)), changed: false };
}

function createStreamState(venue: string, symbol: string): MarketStreamState {
  return {
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
    dataAgeMs: Number.NaN,
    tradeVersion: 0,
    tradePrice: Number.NaN,
    tradeAmount: Number.NaN,
    tradeSide: 0,
    tradeCount: 0,
    tradeVolume: 0,
    buyVolume: 0,
    sellVolume: 0,
    tradeNotional: 0,
    bookVersion: 0,
    bidPrices: new Float64Array(bookLevelsMax),
    bidSizes: new Float64Array(bookLevelsMax),
    askPrices: new Float64Array(bookLevelsMax),
    askSizes: new Float64Array(bookLevelsMax),
    bidLevels: 0,
    askLevels: 0,
    bookSequence: Number.NaN,
    markVersion: 0,
    fundingVersion: 0,
    openInterestVersion: 0,
    openInterest: Number.NaN,
    openInterestValue: Number.NaN,
  };
}
