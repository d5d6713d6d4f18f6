// Which working orders belong to an order module on the canvas. The server tags an order with
// the module that asked: today the module's type (`orders/bracket`, from the order slot's
// owner), its attached exits with " stop-loss" or " take-profit" after it. A tag naming the
// module's id is matched too, so ids work as soon as the server sends them.
import type { TradeOrder } from '@patchdesk/modules/contracts/trading';
import { isWorkingOrder } from '../stores/trading-reducer';

const exitSuffix = / (stop-loss|take-profit)$/;

/** The module (type or id) a tag names, without an exit's suffix. */
export function tagOwner(tag: string): string {
  return tag.replace(exitSuffix, '');
}

export function workingOrderCount(
  orders: readonly TradeOrder[] | undefined,
  moduleId: string,
  moduleType: string,
): number {
  if (!orders) return 0;
  let count = 0;
  for (const order of orders) {
    if (!isWorkingOrder(order)) continue;
    const owner = tagOwner(order.tag);
    if (owner === moduleId || owner === moduleType) count += 1;
  }
  return count;
}
