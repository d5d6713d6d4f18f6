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
}
