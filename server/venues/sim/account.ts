// The margin account: one quote-currency wallet (integer minor units) and one net position
// per symbol. Every change of the wallet goes through here, as an amount already converted to
// minor units once (money.ts), so the ledger that books the venue's events ends with the same
// balance. Pure: the venue calls it with prices; it never reads a clock.
import { maintenanceMarginFor, type LeverageTier } from './leverage-tiers';
import type { MarketGrid } from './market-spec';
import { bankruptcyPrice, fundingCashFlow, liquidationPrice } from './margin';
import { fromMinorUnits, proportionOfMinorUnits, toMinorUnits } from './money';
import type { MarginMode } from './types';

export interface Position {
  readonly symbol: string;
  readonly grid: MarketGrid;
  readonly tiers: readonly LeverageTier[];
  marginMode: MarginMode;
  leverage: number;
  /** Signed lots: + long, - short. */
  lots: number;
  /** Average entry price; 0 when flat. */
  entryPrice: number;
  /** Margin set aside from the wallet for an isolated position; 0n in cross mode. */
  isolatedMarginMinor: bigint;
  /** Current mark (from the mark series, else the last price); NaN before any price. */
  markPrice: number;
}

export interface FillBooking {
  fee: number;
  feeMinor: bigint;
  realisedPnl: number;
  realisedPnlMinor: bigint;
  isolatedDeltaMinor: bigint;
}

export interface LiquidationBooking {
  closedQuantity: number;
  entryPrice: number;
  markPrice: number;
  bankruptcyPrice: number;
  realisedPnlMinor: bigint;
  liquidationFeeMinor: bigint;
  isolatedDeltaMinor: bigint;
}

export class MarginAccount {
  readonly positions = new Map<string, Position>();

  constructor(public walletMinor: bigint) {}

  quantity(position: Position): number {
    return position.grid.quantity(position.lots);
  }

  /** Books a fill of `lots` at `price`: fee, realised PnL on the reducing part, isolated margin. */
  applyFill(position: Position, buy: boolean, lots: number, price: number, feeRate: number): FillBooking {
    const side = buy ? 1 : -1;
    const quantity = position.grid.quantity(lots);
    const fee = quantity * price * feeRate;
    const feeMinor = toMinorUnits(fee);
    const before = position.lots;
    let realisedPnl = 0;
    let isolatedDeltaMinor = 0n;
    let openingLots = lots;
    if (before !== 0 && Math.sign(before) !== side) {
      const closingLots = Math.min(lots, Math.abs(before));
      openingLots = lots - closingLots;
      realisedPnl = Math.sign(before) * position.grid.quantity(closingLots) * (price - position.entryPrice);
      if (position.marginMode === 'isolated') {
        const released =
          closingLots === Math.abs(before)
            ? position.isolatedMarginMinor
            : proportionOfMinorUnits(position.isolatedMarginMinor, closingLots, Math.abs(before));
        isolatedDeltaMinor -= released;
      }
      position.lots += side * closingLots;
      if (position.lots === 0) position.entryPrice = 0;
    }
    if (openingLots > 0) {
      const held = position.grid.quantity(Math.abs(position.lots));
      const added = position.grid.quantity(openingLots);
      position.entryPrice = (held * position.entryPrice + added * price) / (held + added);
      position.lots += side * openingLots;
      if (position.marginMode === 'isolated')
        isolatedDeltaMinor += toMinorUnits((added * price) / position.leverage);
    }
    const realisedPnlMinor = toMinorUnits(realisedPnl);
    position.isolatedMarginMinor += isolatedDeltaMinor;
    this.walletMinor += realisedPnlMinor - feeMinor;
    return { fee, feeMinor, realisedPnl, realisedPnlMinor, isolatedDeltaMinor };
  }

  /** Funding at `rate` on the position's notional at its mark; isolated funding moves its margin. */
  applyFunding(position: Position, rate: number): { amount: number; amountMinor: bigint } {
    const amount = fundingCashFlow(this.quantity(position), position.markPrice, rate);
    const amountMinor = toMinorUnits(amount);
    this.walletMinor += amountMinor;
    if (position.marginMode === 'isolated') position.isolatedMarginMinor += amountMinor;
    return { amount, amountMinor };
  }

  /** Wallet minus the margin set aside for isolated positions. */
  crossWalletMinor(): bigint {
    let wallet = this.walletMinor;
    for (const position of this.positions.values()) wallet -= position.isolatedMarginMinor;
    return wallet;
  }

  unrealisedPnl(position: Position): number {
    if (position.lots === 0) return 0;
    return this.quantity(position) * (position.markPrice - position.entryPrice);
  }

  maintenanceMargin(position: Position): number {
    if (position.lots === 0) return 0;
    return maintenanceMarginFor(position.tiers, this.quantity(position) * position.markPrice);
  }

  initialMargin(position: Position): number {
    return Math.abs(this.quantity(position) * position.markPrice) / position.leverage;
  }

  /** Isolated: margin + uPnL. Cross: cross wallet + uPnL of every cross position. */
  marginBalance(position: Position): number {
    if (position.marginMode === 'isolated') {
      return fromMinorUnits(position.isolatedMarginMinor) + this.unrealisedPnl(position);
    }
    return this.crossTotals().marginBalance;
  }

  crossTotals(): {
    marginBalance: number;
    maintenanceMargin: number;
    initialMargin: number;
    unrealisedPnl: number;
  } {
    let unrealised = 0;
    let maintenance = 0;
    let initial = 0;
    for (const position of this.positions.values()) {
      if (position.marginMode !== 'cross' || position.lots === 0) continue;
      unrealised += this.unrealisedPnl(position);
      maintenance += this.maintenanceMargin(position);
      initial += this.initialMargin(position);
    }
    const marginBalance = fromMinorUnits(this.crossWalletMinor()) + unrealised;
    return {
      marginBalance,
      maintenanceMargin: maintenance,
      initialMargin: initial,
      unrealisedPnl: unrealised,
    };
  }

  /** The unified-formula liquidation price (margin.ts) with this account's figures. */
  liquidationPrice(position: Position): number | null {
    if (position.lots === 0) return null;
    const base = {
      quantity: this.quantity(position),
      entryPrice: position.entryPrice,
      tiers: position.tiers,
    };
    if (position.marginMode === 'isolated') {
      return liquidationPrice({ ...base, walletBalance: fromMinorUnits(position.isolatedMarginMinor) });
    }
    let otherMaintenance = 0;
    let otherUnrealised = 0;
    for (const other of this.positions.values()) {
      if (other === position || other.marginMode !== 'cross' || other.lots === 0) continue;
      otherMaintenance += this.maintenanceMargin(other);
      otherUnrealised += this.unrealisedPnl(other);
    }
    return liquidationPrice({
      ...base,
      walletBalance: fromMinorUnits(this.crossWalletMinor()),
      otherMaintenanceMargin: otherMaintenance,
      otherUnrealisedPnl: otherUnrealised,
    });
  }

  /** True when this isolated position's margin balance is below its maintenance margin. */
  isolatedBelowMaintenance(position: Position): boolean {
    return position.lots !== 0 && this.marginBalance(position) < this.maintenanceMargin(position);
  }

  /** True when the cross margin balance is below the sum of the cross maintenance margins. */
  crossBelowMaintenance(): boolean {
    const totals = this.crossTotals();
    return totals.maintenanceMargin > 0 && totals.marginBalance < totals.maintenanceMargin;
  }

  /**
   * Closes an isolated position at its bankruptcy price: realised PnL - fee = -margin exactly
   * (in minor units; the PnL absorbs the rounding), the margin drops to zero.
   */
  liquidateIsolated(position: Position, feeRate: number): LiquidationBooking {
    const quantity = this.quantity(position);
    const margin = position.isolatedMarginMinor;
    const share = fromMinorUnits(margin) + this.unrealisedPnl(position);
    const price = bankruptcyPrice(quantity, position.markPrice, share, feeRate);
    const liquidationFeeMinor = toMinorUnits(Math.abs(quantity) * price * feeRate);
    const realisedPnlMinor = liquidationFeeMinor - margin;
    const booking = this.close(position, price, realisedPnlMinor, liquidationFeeMinor);
    position.isolatedMarginMinor = 0n;
    return { ...booking, isolatedDeltaMinor: -margin };
  }

  /**
   * Closes every cross position. The cross margin balance is shared out in proportion to each
   * position's maintenance margin; each closes at the price that uses up its share after its fee,
   * so the cross wallet ends at exactly zero (the last position's PnL absorbs the rounding).
   */
  liquidateCross(feeRate: number): { position: Position; booking: LiquidationBooking }[] {
    const open = [...this.positions.values()].filter((p) => p.marginMode === 'cross' && p.lots !== 0);
    const totals = this.crossTotals();
    const weights = open.map((p) => this.maintenanceMargin(p));
    let weightSum = weights.reduce((sum, w) => sum + w, 0);
    if (!(weightSum > 0)) {
      open.forEach((p, i) => (weights[i] = Math.abs(this.quantity(p) * p.markPrice)));
      weightSum = weights.reduce((sum, w) => sum + w, 0);
    }
    const crossWallet = this.crossWalletMinor();
    let bookedMinor = 0n;
    return open.map((position, i) => {
      const quantity = this.quantity(position);
      const share = (totals.marginBalance * weights[i]) / weightSum;
      const price = bankruptcyPrice(quantity, position.markPrice, share, feeRate);
      const liquidationFeeMinor = toMinorUnits(Math.abs(quantity) * price * feeRate);
      let realisedPnlMinor = toMinorUnits(quantity * (price - position.entryPrice));
      if (i === open.length - 1) realisedPnlMinor = -crossWallet - bookedMinor + liquidationFeeMinor;
      bookedMinor += realisedPnlMinor - liquidationFeeMinor;
      return {
        position,
        booking: {
          ...this.close(position, price, realisedPnlMinor, liquidationFeeMinor),
          isolatedDeltaMinor: 0n,
        },
      };
    });
  }

  private close(
    position: Position,
    price: number,
    realisedPnlMinor: bigint,
    liquidationFeeMinor: bigint,
  ): Omit<LiquidationBooking, 'isolatedDeltaMinor'> {
    const booking = {
      closedQuantity: this.quantity(position),
      entryPrice: position.entryPrice,
      markPrice: position.markPrice,
      bankruptcyPrice: price,
      realisedPnlMinor,
      liquidationFeeMinor,
    };
    this.walletMinor += realisedPnlMinor - liquidationFeeMinor;
    position.lots = 0;
    position.entryPrice = 0;
    return booking;
  }
}
