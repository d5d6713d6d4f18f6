// What every order module shares: its slot and one reusable intent (allocated once in `init`,
// so emitting an order allocates nothing), the run's symbol, and whether its order still works.
import type { Feeds, StepContext } from '../../../sdk/define-module';
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
 * Reset the reusable intent to a plain market order of this module at the tick's time: the
 * run's symbol (empty without a broker, when nothing is sent anyway), GTC, no attached
 * orders. The caller sets the quantity and the rest, and counts the order. It takes the
 * intent, not the module's state, so that it only ever sees one object shape: shared by
 * modules with different states it would turn polymorphic, and V8 then boxes the numbers it
 * moves (see indicators/README.md). No number crosses the call for the same reason.
 */
export function beginIntent(intent: OrderIntent, ctx: StepContext, side: OrderSide): OrderIntent {
  const trading = ctx.feeds.trading;
  intent.action = 'submit';
  intent.symbol = trading === null || trading === undefined ? '' : trading.symbol;
  intent.side = side;
  intent.orderType = 'market';
  intent.limitPrice = Number.NaN;
  intent.triggerPrice = Number.NaN;
  intent.timeInForce = 'GTC';
  intent.reduceOnly = false;
  intent.stopLossPrice = Number.NaN;
  intent.takeProfitPrice = Number.NaN;
  intent.createdAtMs = ctx.timeMs;
  return intent;
}

/**
 * Whether the slot's order is pending or resting. With a broker the run's feed knows; without
 * one the module's own record of what it sent (`sentWorking`) is all there is.
 */
export function slotWorking(slot: OrderSlot, feeds: Readonly<Feeds>, sentWorking: boolean): boolean {
  const trading = feeds.trading;
  return trading === null || trading === undefined ? sentWorking : trading.workingSlots.has(slot);
}
