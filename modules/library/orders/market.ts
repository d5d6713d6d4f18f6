// A market order each time a signal fires: the simplest way from a bool to an order.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { quantityParam, sideParam } from './internal/order-params';
import { beginIntent, createSlotState } from './internal/order-slot';

export const market = defineModule({
  type: 'orders/market',
  category: 'orders',
  title: 'Market order',
  description: 'Sends a market order of a fixed size each time the trigger emits true.',
  inputs: {
    trigger: port.bool({
      description: 'Orders when it emits true this tick; false or a held true does nothing.',
    }),
  },
  outputs: {
    intent: port.orderIntent({ description: 'The order, for a risk gate or a sink.' }),
    orders: port.number({ description: 'Orders sent so far.' }),
  },
  params: {
    side: sideParam,
    quantity: quantityParam,
    reduceOnly: param.bool({
      default: false,
      description: 'Only ever shrink the position (a closing order); the venue refuses it otherwise.',
    }),
  },
  init: ({ side, quantity, reduceOnly }) => ({
    ...createSlotState('orders/market'),
    side,
    quantity,
    reduceOnly,
  }),
  step(state, inputs, outputs, ctx) {
    if (!ctx.inputChanged('trigger') || !inputs.trigger) return false;
    const intent = beginIntent(state.intent, ctx, state.side);
    state.orders++;
    intent.quantity = state.quantity;
    intent.reduceOnly = state.reduceOnly;
    outputs.intent = intent;
    outputs.orders = state.orders;
    return true;
  },
});
