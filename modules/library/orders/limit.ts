// A resting limit order that follows a price: placed when the trigger fires, re-priced each
// time the price input moves while it rests, cancelled on demand.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { quantityParam, sideParam, timeInForceParam } from './internal/order-params';
import { createWorkingOrderState, stepWorkingOrder } from './internal/working-order';

export const limit = defineModule({
  type: 'orders/limit',
  category: 'orders',
  title: 'Limit order',
  description:
    'Places a limit order at the price input when the trigger fires, and re-prices it whenever the price moves while it rests.',
  inputs: {
    trigger: port.bool({ description: 'Places the order when it emits true and none is working.' }),
    price: port.number({
      description: 'Limit price; a change re-prices the working order. NaN places nothing.',
    }),
    cancel: port.bool({ required: false, description: 'Cancels the working order when it emits true.' }),
  },
  outputs: {
    intent: port.orderIntent({ description: 'Submit, modify or cancel, for a risk gate or a sink.' }),
    orders: port.number({ description: 'Intents sent so far (submits, modifies and cancels).' }),
  },
  params: {
    side: sideParam,
    quantity: quantityParam,
    timeInForce: timeInForceParam,
    reduceOnly: param.bool({ default: false, description: 'Only ever shrink the position.' }),
  },
  init: ({ side, quantity, timeInForce, reduceOnly }) =>
    createWorkingOrderState('orders/limit', { side, quantity, orderType: 'limit', timeInForce, reduceOnly }),
  step(state, inputs, outputs, ctx) {
    state.limitInput = inputs.price;
    state.triggerInput = Number.NaN;
    const intent = stepWorkingOrder(
      state,
      ctx,
      ctx.inputChanged('trigger') && inputs.trigger,
      ctx.inputChanged('cancel') && inputs.cancel,
    );
    if (intent === null) return false;
    outputs.intent = intent;
    outputs.orders = state.orders;
    return true;
  },
});
