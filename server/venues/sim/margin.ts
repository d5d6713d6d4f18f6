// Perpetual-futures margin as pure functions of numbers (quote currency, base quantity signed:
// + long, - short). One-way (net) positions. The venue's account state calls these; tests
// recompute them by hand. Formulas: ../shared/reference/perp-mechanics.md §2.3.
import { tierForNotional, type LeverageTier } from './leverage-tiers';

export function unrealisedPnl(quantity: number, entryPrice: number, markPrice: number): number {
  return quantity * (markPrice - entryPrice);
}

export function initialMargin(quantity: number, price: number, leverage: number): number {
  return Math.abs(quantity * price) / leverage;
}

/** |Q * mark| * MMR - cum, in the tier of that notional. */
export function maintenanceMargin(
  tiers: readonly LeverageTier[],
  quantity: number,
  markPrice: number,
): number {
  const notional = Math.abs(quantity * markPrice);
  if (notional === 0) return 0;
  const tier = tierForNotional(tiers, notional);
  return notional * tier.maintenanceMarginRate - tier.cum;
}

/** Maintenance margin over margin balance; >= 1 means liquidation. Infinity when the balance is <= 0. */
export function marginRatio(maintenance: number, marginBalance: number): number {
  if (marginBalance <= 0) return maintenance > 0 ? Number.POSITIVE_INFINITY : 0;
  return maintenance / marginBalance;
}

export interface LiquidationPriceInput {
  /** Signed base quantity of the position. */
  quantity: number;
  entryPrice: number;
  /** Isolated: the position's margin. Cross: the cross wallet balance. */
  walletBalance: number;
  /** Cross only: maintenance margin and unrealised PnL of the account's other cross positions. */
  otherMaintenanceMargin?: number;
  otherUnrealisedPnl?: number;
  tiers: readonly LeverageTier[];
}

/**
 * Binance's unified one-way formula, LP = (WB - TMM1 + UPNL1 + cum - s*Q*EP) / (Q*MMR - s*Q),
 * evaluated in the entry notional's bracket and re-evaluated in the bracket of the notional at
 * LP until it settles (Binance's rule when LP lands in another bracket). Null when no price
 * liquidates the position (a long whose LP would be <= 0), or for a flat position.
 */
export function liquidationPrice(input: LiquidationPriceInput): number | null {
  const { quantity, entryPrice, tiers } = input;
  if (quantity === 0) return null;
  const side = Math.sign(quantity);
  const size = Math.abs(quantity);
  const balance = input.walletBalance - (input.otherMaintenanceMargin ?? 0) + (input.otherUnrealisedPnl ?? 0);
  let tier = tierForNotional(tiers, size * entryPrice);
  let price = Number.NaN;
  for (let attempt = 0; attempt <= tiers.length; attempt++) {
    price =
      (balance + tier.cum - side * size * entryPrice) / (size * tier.maintenanceMarginRate - side * size);
    const next = tierForNotional(tiers, size * Math.max(price, 0));
    if (next === tier) break;
    tier = next;
  }
  if (!Number.isFinite(price) || price <= 0) return side > 0 ? null : Number.POSITIVE_INFINITY;
  return price;
}

/**
 * The closing price at which a position's margin share is exhausted after the liquidation fee:
 * share + s*Q*(P - mark) - f*Q*P = 0, so P = (s*mark - share/Q) / (s - f). For an isolated
 * position share = margin + uPnL(mark), which reduces to P = (s*EP - margin/Q) / (s - f): the
 * trader loses exactly the margin (realised PnL + fee). With f = 0 it is the plain bankruptcy
 * price EP - s*margin/Q. The result does not depend on where the mark is, so after a gap past
 * this price the trader still loses only the margin; the shortfall is the insurance fund's.
 */
export function bankruptcyPrice(
  quantity: number,
  markPrice: number,
  marginShare: number,
  liquidationFeeRate: number,
): number {
  const side = Math.sign(quantity);
  const size = Math.abs(quantity);
  return (side * markPrice - marginShare / size) / (side - liquidationFeeRate);
}

/** Funding cash flow to the account: -q * mark * rate (a positive rate means longs pay). */
export function fundingCashFlow(quantity: number, markPrice: number, rate: number): number {
  return -quantity * markPrice * rate;
}
