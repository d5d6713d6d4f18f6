// Hold a position: the module most strategies end in. Given a target (a signed quantity, or a
// signed fraction of equity), it orders the difference from the current position whenever
// that difference exceeds the rebalance threshold.
//
// - Current position: with a broker, the account feed's position for the run's symbol, read
//   at step time (the freshest there is); without one, the `position` input (0 unconnected).
// - While its order works (pending or resting), it does not stack another: a market order is
//   left to fill; a limit order is re-priced and resized (same side) or cancelled (the target
//   moved across, or within the threshold).
// - It does not repeat itself: with the same target quantity and the same position as at its
//   last order, it sends nothing, so an order that a gate blocked or a venue refused is not
//   re-sent every bar; it is retried when the target, the position (or in equity-fraction mode
//   the price or equity) moves.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { beginIntent, createSlotState } from './internal/order-slot';

export const targetPosition = defineModule({
  type: 'orders/target-position',
  category: 'orders',
  title: 'Target position',
  description:
    'Orders the difference between a target position and the current one when it exceeds a rebalance threshold.',
  inputs: {
    target: port.number({
      description:
        'Signed target: base quantity (quantity mode) or fraction of equity (equity-fraction mode). NaN: no target.',
    }),
    price: port.number({
      description:
        'Current price: converts an equity fraction to a quantity, and is the limit price in limit mode.',
    }),
    position: port.number({
      required: false,
      defaultValue: 0,
      description:
        'Current signed position (sources/position size); the broker feed takes precedence when there is one.',
    }),
    equity: port.number({
      required: false,
      description:
        'Account equity for equity-fraction mode (sources/account equity); the broker feed is used when unconnected.',
    }),
  },
  outputs: {
    intent: port.orderIntent({ description: 'The rebalancing order, for a risk gate or a sink.' }),
    orders: port.number({ description: 'Intents sent so far.' }),
    difference: port.number({
      description: 'Target minus current position, in base quantity, at the last step.',
    }),
  },
  params: {
    mode: param.enum({
      default: 'quantity',
      values: ['quantity', 'equity-fraction'],
      description:
        'Read target (and threshold) as base quantity, or as a signed fraction of equity (1 = 1x long).',
    }),
    rebalanceThreshold: param.float({
      default: 0,
      min: 0,
      max: 1e9,
      description: 'Order only when |target - position| exceeds this, in the units of the target.',
    }),
    orderType: param.enum({
      default: 'market',
      values: ['market', 'limit'],
      description: 'Rebalance at market, or with a GTC limit order at the price input.',
    }),
  },
  init: (params) => ({
    ...createSlotState('orders/target-position'),
    ...params,
    /** Target quantity and position at the last order (NaN before the first). */
    sentTarget: Number.NaN,
    sentPosition: Number.NaN,
  }),
  step(state, inputs, outputs, ctx) {
    const price = inputs.price;
    const trading = ctx.feeds.trading;
    const hasFeed = trading !== null && trading !== undefined;
    let targetQuantity = inputs.target;
    let threshold = state.rebalanceThreshold;
    if (state.mode === 'equity-fraction') {
      const equity = inputs.equity === inputs.equity || !hasFeed ? inputs.equity : trading.account.equity;
      if (!(equity > 0) || !(price > 0 && price < Infinity)) return false;
      targetQuantity = (targetQuantity * equity) / price;
      threshold = (threshold * equity) / price;
    }
    if (targetQuantity !== targetQuantity) return false;
    let position = inputs.position;
    if (hasFeed) {
      const held = trading.positions.get(trading.symbol);
      position = held === undefined ? 0 : held.size;
    }
    if (position !== position) return false;
    const difference = targetQuantity - position;
    outputs.difference = difference;
    const limit = state.orderType === 'limit';
    if (limit && !(price > 0 && price < Infinity)) return false;
    const side = difference > 0 ? 'buy' : 'sell';
    const size = Math.abs(difference);
    // Every emission carries `difference`; `intent` is null unless this step orders, so a
    // downstream gate or sink never mistakes the previous order for a new one.
    outputs.intent = null;

    if (hasFeed && trading.workingSlots.has(state.slot)) {
      if (!limit) return true;
      // The reusable intent still holds the working order's side, size and price.
      const working = state.intent;
      if (size <= threshold || side !== working.side) {
        // The reusable intent keeps the working order's side and size for the cancel.
        outputs.intent = beginIntent(working, ctx, working.side);
        outputs.intent.action = 'cancel';
        outputs.intent.orderType = 'limit';
      } else if (size !== working.quantity || price !== working.limitPrice) {
        outputs.intent = beginIntent(working, ctx, side);
        outputs.intent.action = 'modify';
        outputs.intent.quantity = size;
        outputs.intent.orderType = 'limit';
        outputs.intent.limitPrice = price;
      } else {
        return true;
      }
      state.orders++;
      state.sentTarget = targetQuantity;
      state.sentPosition = position;
      outputs.orders = state.orders;
      return true;
    }
    if (size <= threshold) return true;
    if (targetQuantity === state.sentTarget && position === state.sentPosition) return true;
    const intent = beginIntent(state.intent, ctx, side);
    state.orders++;
    intent.quantity = size;
    if (limit) {
      intent.orderType = 'limit';
      intent.limitPrice = price;
    }
    // Towards zero without crossing it: the order only ever closes.
    intent.reduceOnly =
      position !== 0 && targetQuantity * position >= 0 && Math.abs(targetQuantity) < Math.abs(position);
    state.sentTarget = targetQuantity;
    state.sentPosition = position;
    outputs.intent = intent;
    outputs.orders = state.orders;
    return true;
  },
});
