// A run delivers many bars per clock tick in fast replay, and the session publishes a frame per
// bar; clients get at most one frame per clock tick, so the frames of one tick are merged: the
// newest account, positions and equity point, every fill and risk event, each order's last state.
import type { TradeOrder, TradingFrame } from '@patchdesk/modules/contracts/trading';

export function mergeFrames(older: TradingFrame, newer: TradingFrame): TradingFrame {
  const orders = new Map<string, TradeOrder>();
  for (const order of older.orders) orders.set(order.clientOrderId, order);
  for (const order of newer.orders) orders.set(order.clientOrderId, order);
  return {
    ...newer,
    orders: [...orders.values()],
    fills: [...older.fills, ...newer.fills],
    riskEvents: [...older.riskEvents, ...newer.riskEvents],
    equity: newer.equity ?? older.equity,
  };
}
