// An OrderRequest as ccxt's unified createOrder arguments: (symbol, type, side, amount,
// price, params). The live broker passes these to ccxt unchanged; ccxt maps them to each
// venue (see ../shared/reference/ccxt-notes.md §3.3 for the verified binanceusdm requests).
import type { OrderChanges, OrderRequest } from './broker';

export interface UnifiedOrderParams {
  clientOrderId: string;
  /** Omitted for market orders (several venues reject a time in force on them) and for post-only. */
  timeInForce?: 'GTC' | 'IOC' | 'FOK';
  /** Post-only: ccxt sends the venue's maker-only flag (binance timeInForce=GTX). */
  postOnly?: true;
  reduceOnly?: true;
  /** Stop-market and stop-limit: the price that arms the order. */
  triggerPrice?: number;
  /** Take-profit (market): ccxt's unified take-profit order (binance TAKE_PROFIT_MARKET). */
  takeProfitPrice?: number;
  /** Exits attached to an entry (bybit, okx; others emulate). */
  stopLoss?: { triggerPrice: number };
  takeProfit?: { triggerPrice: number };
}

export interface UnifiedCreateOrder {
  symbol: string;
  type: 'market' | 'limit';
  side: 'buy' | 'sell';
  amount: number;
  /** Limit price; undefined for market execution. */
  price: number | undefined;
  params: UnifiedOrderParams;
}

export function toUnifiedCreateOrder(request: OrderRequest): UnifiedCreateOrder {
  const limit = request.orderType === 'limit' || request.orderType === 'stop-limit';
  const params: UnifiedOrderParams = { clientOrderId: request.clientOrderId };
  if (limit) {
    if (request.timeInForce === 'PO') params.postOnly = true;
    else params.timeInForce = request.timeInForce;
  }
  if (request.reduceOnly) params.reduceOnly = true;
  if (request.orderType === 'stop-market' || request.orderType === 'stop-limit') {
    params.triggerPrice = request.triggerPrice ?? undefined;
  }
  if (request.orderType === 'take-profit') params.takeProfitPrice = request.triggerPrice ?? undefined;
  if (request.stopLossPrice !== null) params.stopLoss = { triggerPrice: request.stopLossPrice };
  if (request.takeProfitPrice !== null) params.takeProfit = { triggerPrice: request.takeProfitPrice };
  return {
    symbol: request.symbol,
    type: limit ? 'limit' : 'market',
    side: request.side,
    amount: request.quantity,
    price: limit ? (request.limitPrice ?? undefined) : undefined,
    params,
  };
}

/** ccxt editOrder arguments for a modify of `original` (the request as last sent). */
export function toUnifiedEditOrder(original: OrderRequest, changes: OrderChanges): UnifiedCreateOrder {
  return toUnifiedCreateOrder({
    ...original,
    quantity: changes.quantity ?? original.quantity,
    limitPrice: changes.limitPrice ?? original.limitPrice,
    triggerPrice: changes.triggerPrice ?? original.triggerPrice,
  });
}
