// Working orders, each with Cancel: side, type, size and fill, price, and who asked (the tag).
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import { useEditor } from '../session/editor';
import { formatQuantity } from './format-trading';

/** The price an order waits for: its limit, else its trigger. */
function orderPrice(order: TradeOrder): string {
  if (order.orderType === 'stop-limit') {
    return `${formatQuantity(order.triggerPrice)} → ${formatQuantity(order.limitPrice)}`;
  }
  if (order.limitPrice !== null) return formatQuantity(order.limitPrice);
  if (order.triggerPrice !== null) return `@ ${formatQuantity(order.triggerPrice)}`;
  return 'market';
}

export function OrdersTable({ orders, live }: { orders: TradeOrder[]; live: boolean }) {
  const { trading } = useEditor();
  if (orders.length === 0) {
    return (
      <p className="trading__empty" data-testid="orders-none">
        No open orders.
      </p>
    );
  }
  return (
    <table className="trading-table" data-testid="open-orders">
      <thead>
        <tr>
          <th>Side</th>
          <th>Type</th>
          <th title="Filled / ordered">Qty</th>
          <th>Price</th>
          <th>By</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr
            key={order.clientOrderId}
            data-testid="order-row"
            data-client-order-id={order.clientOrderId}
            data-status={order.status}
            title={`${order.clientOrderId} · ${order.symbol} · ${order.timeInForce}${order.reduceOnly ? ' · reduce-only' : ''} · ${order.status}`}
          >
            <td className={order.side === 'buy' ? 'trading--up' : 'trading--down'}>{order.side}</td>
            <td>{order.orderType}</td>
            <td>
              {order.filledQuantity > 0 ? `${formatQuantity(order.filledQuantity)} / ` : ''}
              {formatQuantity(order.quantity)}
            </td>
            <td>{orderPrice(order)}</td>
            <td className="trading-table__tag">{order.tag}</td>
            <td>
              <button
                type="button"
                className="trading-table__action"
                data-testid={`cancel-${order.clientOrderId}`}
                disabled={!live}
                onClick={() => void trading.cancelOrder(order.clientOrderId)}
              >
                Cancel
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
