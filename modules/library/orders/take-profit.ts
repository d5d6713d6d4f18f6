// A take-profit order: executes at market once the price reaches the target, following the
// target input while it rests.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { quantityParam } from './internal/order-params';
import { createWorkingOrderState, stepWorkingOrder } from './internal/working-order';

export const takeProfit = defineModule({
  type: 'orders/take-profit',
  category: 'orders',
  title: 'Take-profit order',
  description:
    'Places a take-profit order when the trigger fires; it closes at market once the price reaches the target, and follows the target input while it rests.',
  inputs: {
    trigger: port.bool({ description: 'Places the order when it emits true and none is working.' }),
    targetPrice: port.number({
      description: 'Trigger price; a change moves the working order. NaN places nothing.',
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
      description: 'Sell to take profit on a long (target above the price); buy on a short (target below).',
    }),
    quantity: quantityParam,
    reduceOnly: param.bool({ default: true, description: 'Only ever shrink the position.' }),
  },
  init: ({ side, quantity, reduceOnly }) =>
    createWorkingOrderState('orders/take-profit', {
      side,
      quantity,
      orderType: 'take-profit',
      timeInForce: 'GTC',
      reduceOnly,
    }),
  step(state, inputs, outputs, ctx) {
    state.limitInput = Number.NaN;
    state.triggerInput = inputs.targetPrice;
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
