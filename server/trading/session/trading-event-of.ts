// The broker events that move money, as the ledger's trading events: a fill, a funding
// payment (none when nothing was paid), a liquidation. Order-only events book nothing.
import type { BrokerEvent, ClientOrderId, OrderRequest } from '../broker';
import type { TradingEvent } from '../events';

export function tradingEventOf(
  event: BrokerEvent,
  accountId: string,
  requests: ReadonlyMap<ClientOrderId, OrderRequest>,
): TradingEvent | null {
  const base = { eventId: event.eventId, accountId, atMs: Math.max(0, event.atMs) };
  switch (event.kind) {
    case 'orderFilled':
      return {
        kind: 'fill',
        ...base,
        orderId: event.clientOrderId,
        symbol: event.symbol,
        side: event.side,
        quantity: event.quantity,
        price: event.price,
        fee: event.fee,
        liquidity: event.liquidity,
        reduceOnly: requests.get(event.clientOrderId)?.reduceOnly ?? false,
      };
    case 'fundingPaid':
      return event.amount === 0
        ? null
        : {
            kind: 'funding',
            ...base,
            symbol: event.symbol,
            amount: event.amount,
            rate: event.rate,
            markPrice: event.markPrice,
          };
    case 'positionLiquidated':
      return {
        kind: 'liquidation',
        ...base,
        symbol: event.symbol,
        side: event.size > 0 ? 'sell' : 'buy',
        quantity: Math.abs(event.size),
        price: event.price,
        fee: event.fee,
      };
    default:
      return null;
  }
}
