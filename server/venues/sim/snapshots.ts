// Read-only views of the sim venue for brokers, hubs and tests: the account with each
// position's margin figures, and the open orders. Built on demand; never used by matching.
import type { MarginAccount } from './account';
import { fromMinorUnits } from './money';
import type { MarketState, OrderStage, WorkingOrder } from './venue-state';
import type { MarginMode, OrderSide, OrderType, TimeInForce, TriggerPriceType } from './types';

export interface PositionSnapshot {
  symbol: string;
  marginMode: MarginMode;
  leverage: number;
  quantity: number;
  entryPrice: number;
  markPrice: number;
  notional: number;
  unrealisedPnl: number;
  initialMargin: number;
  maintenanceMargin: number;
  isolatedMarginMinor: bigint;
  /** Isolated: margin + uPnL; cross: the cross margin balance. */
  marginBalance: number;
  /** Maintenance margin / margin balance (isolated) or cross totals (cross); liquidation at >= 1. */
  marginRatio: number;
  liquidationPrice: number | null;
}

export interface AccountSnapshot {
  walletMinor: bigint;
  wallet: number;
  crossWallet: number;
  crossMarginBalance: number;
  crossMaintenanceMargin: number;
  availableBalance: number;
  /** Positions that are open (non-zero), in market order. */
  positions: PositionSnapshot[];
}

export interface OrderSnapshot {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  postOnly: boolean;
  quantity: number;
  filledQuantity: number;
  price: number | null;
  triggerPrice: number | null;
  triggerPriceType: TriggerPriceType | null;
  stage: OrderStage;
}

export function snapshotOrder(order: WorkingOrder): OrderSnapshot {
  const grid = order.market.grid;
  return {
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.market.spec.symbol,
    side: order.buy ? 'buy' : 'sell',
    type: order.type,
    timeInForce: order.timeInForce,
    reduceOnly: order.reduceOnly,
    postOnly: order.postOnly,
    quantity: grid.quantity(order.lots),
    filledQuantity: grid.quantity(order.filledLots),
    price: Number.isNaN(order.limitTicks) ? null : grid.price(order.limitTicks),
    triggerPrice: Number.isNaN(order.triggerTicks) ? null : grid.price(order.triggerTicks),
    triggerPriceType: order.triggerPriceType,
    stage: order.stage,
  };
}

export function snapshotAccount(
  account: MarginAccount,
  markets: ReadonlyMap<string, MarketState>,
  availableBalance: number,
): AccountSnapshot {
  const cross = account.crossTotals();
  const positions: PositionSnapshot[] = [];
  for (const market of markets.values()) {
    const position = market.position;
    if (position.lots === 0) continue;
    const quantity = account.quantity(position);
    const maintenance = account.maintenanceMargin(position);
    const balance = account.marginBalance(position);
    const ratioMaintenance = position.marginMode === 'cross' ? cross.maintenanceMargin : maintenance;
    positions.push({
      symbol: position.symbol,
      marginMode: position.marginMode,
      leverage: position.leverage,
      quantity,
      entryPrice: position.entryPrice,
      markPrice: position.markPrice,
      notional: quantity * position.markPrice,
      unrealisedPnl: account.unrealisedPnl(position),
      initialMargin: account.initialMargin(position),
      maintenanceMargin: maintenance,
      isolatedMarginMinor: position.isolatedMarginMinor,
      marginBalance: balance,
      marginRatio: balance <= 0 ? Number.POSITIVE_INFINITY : ratioMaintenance / balance,
      liquidationPrice: account.liquidationPrice(position),
    });
  }
  return {
    walletMinor: account.walletMinor,
    wallet: fromMinorUnits(account.walletMinor),
    crossWallet: fromMinorUnits(account.crossWalletMinor()),
    crossMarginBalance: cross.marginBalance,
    crossMaintenanceMargin: cross.maintenanceMargin,
    availableBalance,
    positions,
  };
}
