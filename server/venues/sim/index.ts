// The sim venue's public surface: what brokers, backtests and the ledger import.
export { SimVenue, type SimVenueConfig } from './sim-venue';
export type * from './types';
export type { MarketSpec } from './market-spec';
export type { FillModel } from './fill-model';
export type { BookSnapshot, BookSide } from './book-walk';
export type { AccountSnapshot, PositionSnapshot, OrderSnapshot } from './snapshots';
export {
  parseCcxtLeverageTiers,
  tierForNotional,
  maintenanceMarginFor,
  type LeverageTier,
} from './leverage-tiers';
export { marketSpecFromCcxt } from './ccxt-market-spec';
export { QUOTE_DECIMALS, toMinorUnits, fromMinorUnits } from './money';
export {
  liquidationPrice,
  bankruptcyPrice,
  fundingCashFlow,
  initialMargin,
  maintenanceMargin,
  marginRatio,
  unrealisedPnl,
} from './margin';
