// What one venue's quirks file declares: only what differs from the generic ccxt connector.
export interface VenueQuirks {
  /** The ccxt id, also our venue name in events. */
  id: string;
  label: string;
  kind: 'centralised' | 'perpDex';
  /** ccxt options merged over the defaults (which markets to load, what not to fetch). */
  options: Record<string, unknown>;
  /** Whether ccxt has a testnet (`urls.test`) for `sandbox: true`. */
  sandbox: boolean;
  /** One line for the docs and the market panel. */
  notes: string;
  /**
   * The venue's mark-price stream also carries funding (Binance's markPrice stream: `r` and
   * `T`, the same figures as its REST premium index): the funding channel watches that stream
   * instead of polling REST. Maps the raw message (ccxt's `info`) to the rate and next time.
   */
  fundingFromMarkStream?: (info: Record<string, unknown>) => {
    fundingRate: unknown;
    nextFundingTimestamp: unknown;
  };
  /**
   * ccxt's ticker on this venue has no mark price but its funding structure does (Hyperliquid's
   * asset contexts): the mark channel polls fetchFundingRate.
   */
  markFromFundingRate?: boolean;
}
