// On an order module's node: how many of its orders are working on the paper venue.
import { useTradingStore } from '../stores/trading-store';
import { workingOrderCount } from './order-badge';

export function OrderBadge({ moduleId, moduleType }: { moduleId: string; moduleType: string }) {
  // A number: the node re-renders only when its count changes, not on every frame.
  const count = useTradingStore((state) => workingOrderCount(state.view?.orders, moduleId, moduleType));
  if (count === 0) return null;
  return (
    <span
      className="order-badge"
      data-testid={`order-badge-${moduleId}`}
      data-count={count}
      title={`${count} working order${count === 1 ? '' : 's'} on the paper venue from ${moduleType} (exits included)`}
    >
      {count} open
    </span>
  );
}
