// A resting order a module keeps in line with its inputs: placed when the trigger fires and
// none is working, re-priced (`modify`) when its price input moves while it works, cancelled
// when the cancel input fires. Shared by orders/limit, orders/stop and orders/take-profit.
import type { Feeds } from '../../../sdk/define-module';
import type { OrderIntent, OrderSide, OrderType, TimeInForce } from '../../../sdk/ports';
import { beginIntent, createSlotState, isPrice, slotWorking } from './order-slot';
import type { SlotState } from './order-slot';

export interface WorkingOrderState extends SlotState {
  readonly side: OrderSide;
  readonly quantity: number;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  /** What the module last sent and has not cancelled (the only record without a broker). */
  sentWorking: boolean;
  sentLimitPrice: number;
  sentTriggerPrice: number;
}

export function createWorkingOrderState(
  owner: string,
  order: Pick<WorkingOrderState, 'side' | 'quantity' | 'orderType' | 'timeInForce' | 'reduceOnly'>,
): WorkingOrderState {
  return {
    ...createSlotState(owner),
    ...order,
    sentWorking: false,
    sentLimitPrice: Number.NaN,
    sentTriggerPrice: Number.NaN,
  };
}

function needsLimit(orderType: OrderType): boolean {
  return orderType === 'limit' || orderType === 'stop-limit';
}

function needsTrigger(orderType: OrderType): boolean {
  return orderType === 'stop-market' || orderType === 'stop-limit' || orderType === 'take-profit';
}

/** Equal, or both NaN (a price that does not apply). */
function samePrice(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * One step: returns the intent to emit, or null. `fire` and `cancel` are true when those inputs
 * emitted true this tick. NaN prices place nothing (warm-up) and leave a working order as it is.
 */
export function stepWorkingOrder(
  state: WorkingOrderState,
  feeds: Readonly<Feeds>,
  timeMs: number,
  fire: boolean,
  cancel: boolean,
  limitPrice: number,
  triggerPrice: number,
): OrderIntent | null {
  const working = slotWorking(state, feeds, state.sentWorking);
  if (cancel) {
    state.sentWorking = false;
    if (!working) return null;
    const intent = beginIntent(state, feeds, timeMs, state.side, state.quantity);
    intent.action = 'cancel';
    intent.orderType = state.orderType;
    return intent;
  }
  const type = state.orderType;
  if ((needsLimit(type) && !isPrice(limitPrice)) || (needsTrigger(type) && !isPrice(triggerPrice)))
    return null;
  const limit = needsLimit(type) ? limitPrice : Number.NaN;
  const trigger = needsTrigger(type) ? triggerPrice : Number.NaN;
  let action: OrderIntent['action'];
  if (!working) {
    if (!fire) {
      // Filled, expired or refused: forget it, so the next trigger places afresh.
      state.sentWorking = false;
      return null;
    }
    action = 'submit';
  } else {
    const moved = !samePrice(limit, state.sentLimitPrice) || !samePrice(trigger, state.sentTriggerPrice);
    if (!moved) return null;
    action = 'modify';
  }
  const intent = beginIntent(state, feeds, timeMs, state.side, state.quantity);
  intent.action = action;
  intent.orderType = type;
  intent.limitPrice = limit;
  intent.triggerPrice = trigger;
  intent.timeInForce = state.timeInForce;
  intent.reduceOnly = state.reduceOnly;
  state.sentWorking = true;
  state.sentLimitPrice = limit;
  state.sentTriggerPrice = trigger;
  return intent;
}
