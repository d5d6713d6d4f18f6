// A resting order a module keeps in line with its inputs: placed when the trigger fires and
// none is working, re-priced (`modify`) when its price input moves while it works, cancelled
// when the cancel input fires. Shared by orders/limit, orders/stop and orders/take-profit.
import type { StepContext } from '../../../sdk/define-module';
import type { OrderIntent, OrderSide, OrderType, TimeInForce } from '../../../sdk/ports';
import { beginIntent, createSlotState, slotWorking } from './order-slot';
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
  /** This step's price inputs, written by the module before stepWorkingOrder (NaN: not used). */
  limitInput: number;
  triggerInput: number;
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
    limitInput: Number.NaN,
    triggerInput: Number.NaN,
  };
}

function needsLimit(orderType: OrderType): boolean {
  return orderType === 'limit' || orderType === 'stop-limit';
}

function needsTrigger(orderType: OrderType): boolean {
  return orderType === 'stop-market' || orderType === 'stop-limit' || orderType === 'take-profit';
}

/**
 * One step: returns the intent to emit, or null. `fire` and `cancel` are true when those inputs
 * emitted true this tick; the prices come from `state.limitInput` and `state.triggerInput`
 * (numbers travel through the state, not as arguments: see indicators/README.md). NaN prices
 * place nothing (warm-up) and leave a working order as it is.
 */
export function stepWorkingOrder(
  state: WorkingOrderState,
  ctx: StepContext,
  fire: boolean,
  cancel: boolean,
): OrderIntent | null {
  const working = slotWorking(state.slot, ctx.feeds, state.sentWorking);
  if (cancel) {
    state.sentWorking = false;
    if (!working) return null;
    const intent = beginIntent(state.intent, ctx, state.side);
    state.orders++;
    intent.action = 'cancel';
    intent.orderType = state.orderType;
    intent.quantity = state.quantity;
    return intent;
  }
  const type = state.orderType;
  const limit = needsLimit(type) ? state.limitInput : Number.NaN;
  const trigger = needsTrigger(type) ? state.triggerInput : Number.NaN;
  // Price checks are written out, not called: a helper taking a number may be left as a real
  // call by V8 and then boxes its argument on every tick (indicators/README.md).
  if (needsLimit(type) && !(limit > 0 && limit < Infinity)) return null;
  if (needsTrigger(type) && !(trigger > 0 && trigger < Infinity)) return null;
  let action: OrderIntent['action'];
  if (!working) {
    if (!fire) {
      // Filled, expired or refused: forget it, so the next trigger places afresh.
      state.sentWorking = false;
      return null;
    }
    action = 'submit';
  } else {
    // Equal, or both NaN (a price the type does not use).
    const sentLimit = state.sentLimitPrice;
    const sentTrigger = state.sentTriggerPrice;
    const sameLimit = limit === sentLimit || (limit !== limit && sentLimit !== sentLimit);
    const sameTrigger = trigger === sentTrigger || (trigger !== trigger && sentTrigger !== sentTrigger);
    const moved = !sameLimit || !sameTrigger;
    if (!moved) return null;
    action = 'modify';
  }
  const intent = beginIntent(state.intent, ctx, state.side);
  state.orders++;
  intent.action = action;
  intent.orderType = type;
  intent.quantity = state.quantity;
  intent.limitPrice = limit;
  intent.triggerPrice = trigger;
  intent.timeInForce = state.timeInForce;
  intent.reduceOnly = state.reduceOnly;
  state.sentWorking = true;
  state.sentLimitPrice = limit;
  state.sentTriggerPrice = trigger;
  return intent;
}
