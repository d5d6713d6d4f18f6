// An entry with its exits attached: one order that carries a stop-loss and a take-profit at
// fixed fractions from the entry price, so the venue (or the sim) places them as the entry
// fills and cancels one when the other executes (ccxt's attached stopLoss/takeProfit params).
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { quantityParam, sideParam } from './internal/order-params';
import { beginIntent, createSlotState } from './internal/order-slot';

const fraction = (defaultValue: number, what: string) =>
  param.float({
    default: defaultValue,
    min: 0.0001,
    max: 0.5,
    description: `${what} as a fraction of the entry price (0.01 = 1 %).`,
  });

export const bracket = defineModule({
  type: 'orders/bracket',
  category: 'orders',
  title: 'Bracket order',
  description:
    'Enters when the trigger fires, with a stop-loss and a take-profit attached at fixed distances from the entry price.',
  inputs: {
    trigger: port.bool({ description: 'Enters when it emits true this tick.' }),
    price: port.number({
      description: 'Entry price: the limit price of a limit entry, the reference for the exits either way.',
    }),
  },
  outputs: {
    intent: port.orderIntent({
      description: 'The entry with its exits attached, for a risk gate or a sink.',
    }),
    orders: port.number({ description: 'Entries sent so far.' }),
    stopLoss: port.number({ description: 'Stop-loss trigger price of the latest entry.' }),
    takeProfit: port.number({ description: 'Take-profit trigger price of the latest entry.' }),
  },
  params: {
    side: sideParam,
    quantity: quantityParam,
    entryType: param.enum({
      default: 'market',
      values: ['market', 'limit'],
      description: 'Enter at market, or with a GTC limit order at the price input.',
    }),
    stopLossFraction: fraction(0.01, 'Distance of the stop-loss'),
    takeProfitFraction: fraction(0.02, 'Distance of the take-profit'),
  },
  init: (params) => ({ ...createSlotState('orders/bracket'), ...params }),
  step(state, inputs, outputs, ctx) {
    if (!ctx.inputChanged('trigger') || !inputs.trigger) return false;
    const price = inputs.price;
    if (!(price > 0 && price < Infinity)) return false;
    // A long's stop is below the entry and its target above; a short's the other way round.
    const direction = state.side === 'buy' ? 1 : -1;
    const intent = beginIntent(state.intent, ctx, state.side);
    state.orders++;
    intent.quantity = state.quantity;
    if (state.entryType === 'limit') {
      intent.orderType = 'limit';
      intent.limitPrice = price;
    }
    intent.stopLossPrice = price * (1 - direction * state.stopLossFraction);
    intent.takeProfitPrice = price * (1 + direction * state.takeProfitFraction);
    outputs.intent = intent;
    outputs.orders = state.orders;
    outputs.stopLoss = intent.stopLossPrice;
    outputs.takeProfit = intent.takeProfitPrice;
    return true;
  },
});
