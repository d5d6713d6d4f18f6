// What every order module shares: its slot and one reusable intent (allocated once in `init`,
// so emitting an order allocates nothing), the run's symbol, and whether its order still works.
import type { Feeds } from '../../../sdk/define-module';
import { createOrderIntent } from '../../../sdk/ports';
import type { OrderIntent, OrderSide, OrderSlot } from '../../../sdk/ports';

export interface SlotState {
  readonly slot: OrderSlot;
  /** Rewritten and emitted for every order; the run copies it when it drains the outbox. */
  readonly intent: OrderIntent;
  /** Intents emitted so far (the module's `orders` output). */
  orders: number;
}

export function createSlotState(owner: string): SlotState {
  const slot: OrderSlot = { owner };
  return { slot, intent: createOrderIntent(slot), orders: 0 };
}

/**
 * Reset the reusable intent to a plain order of this module: the run's symbol (empty without
 * a broker, when nothing is sent anyway), GTC, no attached orders. The caller sets the rest.
 */
export function beginIntent(
  state: SlotState,
  feeds: Readonly<Feeds>,
  timeMs: number,
  side: OrderSide,
  quantity: number,
): OrderIntent {
  const intent = state.intent;
  const trading = feeds.trading;
  intent.action = 'submit';
  intent.symbol = trading === null || trading === undefined ? '' : trading.symbol;
  intent.side = side;
  intent.orderType = 'market';
  intent.quantity = quantity;
  intent.limitPrice = Number.NaN;
  intent.triggerPrice = Number.NaN;
  intent.timeInForce = 'GTC';
  intent.reduceOnly = false;
  intent.stopLossPrice = Number.NaN;
  intent.takeProfitPrice = Number.NaN;
  intent.createdAtMs = timeMs;
  state.orders++;
  return intent;
}

/**
 * Whether the slot's order is pending or resting. With a broker the run's feed knows; without
 * one the module's own record of what it sent (`sentWorking`) is all there is.
 */
export function slotWorking(state: SlotState, feeds: Readonly<Feeds>, sentWorking: boolean): boolean {
  const trading = feeds.trading;
  return trading === null || trading === undefined ? sentWorking : trading.workingSlots.has(state.slot);
}

/** A price an order can carry: finite and above zero. */
export function isPrice(value: number): boolean {
  return value > 0 && value < Number.POSITIVE_INFINITY;
}
