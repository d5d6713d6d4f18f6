// The sim venue's vocabulary -> the broker's: order requests going in, events coming out. The
// only place the two meet, so the sim venue keeps its own names (stopMarket, postOnly flag) and
// the rest of the server speaks the broker interface a ccxt venue will also implement.
import type { OrderRequest as SimOrderRequest, Refusal, VenueEvent } from '../../venues/sim/types';
import { settleCurrencyOf } from '../events';
import type { BrokerEvent, BrokerRefusal, OrderRequest } from '../broker';

const simOrderType = {
  market: 'market',
  limit: 'limit',
  'stop-market': 'stopMarket',
  'stop-limit': 'stopLimit',
  'take-profit': 'takeProfitMarket',
} as const satisfies Record<OrderRequest['orderType'], SimOrderRequest['type']>;

export function simOrderRequest(request: OrderRequest): SimOrderRequest {
  const postOnly = request.timeInForce === 'PO';
  return {
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: simOrderType[request.orderType],
    quantity: request.quantity,
    ...(request.limitPrice === null ? {} : { price: request.limitPrice }),
    ...(request.triggerPrice === null ? {} : { triggerPrice: request.triggerPrice }),
    // Post-only is a time in force in the patch language and a flag on a GTC order at venues.
    timeInForce: request.timeInForce === 'PO' ? 'GTC' : request.timeInForce,
    postOnly,
    reduceOnly: request.reduceOnly,
  };
}

/** A refusal in the broker's codes, with the venue's figures in words a person can read. */
export function brokerRefusal(refusal: Refusal): BrokerRefusal {
  const { code, ...figures } = refusal;
  const details = Object.entries(figures)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  const message = details ? `${code}: ${details}` : code;
  switch (code) {
    case 'INSUFFICIENT_MARGIN':
    case 'REDUCE_ONLY_WOULD_INCREASE':
    case 'ORDER_NOT_FOUND':
    case 'DUPLICATE_CLIENT_ORDER_ID':
      return { code, message };
    case 'POST_ONLY_WOULD_TAKE':
      return { code: 'WOULD_TAKE', message };
    case 'INVALID_REQUEST':
    case 'INVALID_QUANTITY':
    case 'INVALID_PRICE':
    case 'UNKNOWN_SYMBOL':
    case 'BELOW_MIN_QUANTITY':
    case 'BELOW_MIN_NOTIONAL':
    case 'WOULD_TRIGGER_IMMEDIATELY':
    case 'QUANTITY_BELOW_FILLED':
      return { code: 'INVALID_ORDER', message };
    default:
      return { code: 'VENUE_REJECTED', message };
  }
}

const cancelReason = {
  REQUESTED: 'requested',
  IOC_REMAINDER: 'expired',
  FOK_NOT_FILLED: 'expired',
  REDUCE_ONLY_NO_POSITION: 'venue',
  POST_ONLY_WOULD_TAKE: 'venue',
  LIQUIDATION: 'venue',
} as const;

/**
 * One venue event as a broker event, or null for the venue's internal bookkeeping (isolated
 * margin moves). Event ids are the venue's sequence numbers under `prefix`: unique per venue
 * and run, and the same in every replay of the same inputs.
 */
export function brokerEventOf(event: VenueEvent, prefix: string): BrokerEvent | null {
  const eventId = `${prefix}${event.seq}`;
  const atMs = event.timeMs;
  switch (event.kind) {
    case 'orderAccepted':
      return {
        kind: 'orderAccepted',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        venueOrderId: event.orderId,
      };
    case 'orderRejected':
      return {
        kind: 'orderRejected',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        refusal: brokerRefusal(event.refusal),
      };
    case 'orderModified':
      return {
        kind: 'orderModified',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        quantity: event.quantity,
        limitPrice: event.price,
        triggerPrice: event.triggerPrice,
      };
    case 'orderTriggered':
      return {
        kind: 'orderTriggered',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        triggerPrice: event.triggerPrice,
      };
    case 'orderFilled':
      return {
        kind: 'orderFilled',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        venueOrderId: event.orderId,
        fillId: `${prefix}fill${event.seq}`,
        symbol: event.symbol,
        side: event.side,
        quantity: event.quantity,
        price: event.price,
        fee: event.fee,
        feeCurrency: settleCurrencyOf(event.symbol),
        liquidity: event.liquidity,
        remainingQuantity: event.complete ? 0 : event.remainingQuantity,
      };
    case 'orderCanceled':
      return {
        kind: 'orderCanceled',
        eventId,
        atMs,
        clientOrderId: event.clientOrderId,
        reason: cancelReason[event.reason],
      };
    case 'fundingPaid':
      return {
        kind: 'fundingPaid',
        eventId,
        atMs,
        symbol: event.symbol,
        positionSize: event.positionQuantity,
        rate: event.rate,
        markPrice: event.markPrice,
        amount: event.amount,
        currency: settleCurrencyOf(event.symbol),
      };
    case 'positionLiquidated':
      return {
        kind: 'positionLiquidated',
        eventId,
        atMs,
        symbol: event.symbol,
        size: event.quantity,
        price: event.bankruptcyPrice,
        fee: event.liquidationFee,
        currency: settleCurrencyOf(event.symbol),
      };
    case 'isolatedMarginChanged':
      return null;
  }
}
