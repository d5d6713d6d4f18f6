// The shapes a trading session is built from and tells about: its options, the funding and
// mark series it walks, and the listeners of its frames and risk events.
import type { TradeRiskEvent, TradingFrame } from '@patchdesk/modules/contracts/trading';
import type { JournalAppender } from '../journal/journal-writer';
import type { VenueModel } from './paper-config';

export interface FundingPoint {
  timeMs: number;
  rate: number;
}
export interface MarkPoint {
  timeMs: number;
  price: number;
}

export interface TradingSessionOptions {
  model: VenueModel;
  /** 1-12 lower-case letters or digits: the prefix of this run's client order ids. */
  runKey: string;
  /** The trading account in the ledger. */
  accountId?: string;
  /** Funding and mark series in time order (optional; without marks the mark is the last price). */
  funding?: readonly FundingPoint[];
  marks?: readonly MarkPoint[];
  journal?: JournalAppender | null;
  /** Told about what should never happen (a fill the ledger refuses): for the log. */
  onInvariantBroken?: (message: string) => void;
  /** Rebuild the feed from full snapshots on every bar (the cheap path's reference, for tests). */
  fullRefreshEveryBar?: boolean;
}

export type TradingListener = (frame: TradingFrame) => void;
export type RiskListener = (event: TradeRiskEvent) => void;
