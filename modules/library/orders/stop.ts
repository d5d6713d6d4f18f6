// A stop order (stop-market or stop-limit) whose trigger follows an input: wire a trailing
// level (a rolling low, an ATR band) and the stop moves with it while it rests.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { quantityParam } from './internal/order-params';
import { createWorkingOrderState, stepWorkingOrder } from './internal/working-order';

export const stop = defineModule({
  type: 'orders/stop',
  category: 'orders',
  title: 'Stop order',
  description:
    'Places a stop order when the trigger fires; it executes once the price crosses the stop price, and follows the stop price input while it rests.',
  inputs: {
    trigger: port.bool({ description: 'Places the order when it emits true and none is working.' }),
    stopPrice: port.number({
      description: 'Trigger price; a change moves the working stop. NaN places nothing.',
    }),
    limitPrice: port.number({
      required: false,
      description: 'Limit price once triggered (stop-limit only); a change re-prices the working order.',
    }),
    cancel: port.bool({ required: false, description: 'Cancels the working order when it emits true.' }),
  },
  outputs: {
    intent: port.orderIntent({ description: 'Submit, modify or cancel, for a risk gate or a sink.' }),
    orders: port.number({ description: 'Intents sent so far (submits, modifies and cancels).' }),
  },
  params: {
    side: param.enum({
      default: 'sell',
      values: ['buy', 'sell'],
      description:
        'Sell stops protect a long (below the price); buy stops protect a short or enter a breakout.',
    }),
    quantity: quantityParam,
    orderType: param.enum({
      default: 'stop-market',
      values: ['stop-market', 'stop-limit'],
      description: 'Execute at market once triggered, or rest as a limit at the limit price.',
    }),
    reduceOnly: param.bool({
      default: true,
      description: 'Only ever shrink the position: a protective stop must not open a new one.',
    }),
  },
  init: ({ side, quantity, orderType, reduceOnly }) =>
    createWorkingOrderState('orders/stop', { side, quantity, orderType, timeInForce: 'GTC', reduceOnly }),
  step(state, inputs, outputs, ctx) {
    state.limitInput = inputs.limitPrice;
    state.triggerInput = inputs.stopPrice;
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
