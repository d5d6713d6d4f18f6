// Caps how many orders pass in a sliding time window: a runaway loop or a flapping signal hits
// this before the venue's own rate limit (and its bans). Cancels pass and are not counted.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import { blockIntent, createGateEvent, gateOutputs, intentInput, passIntent } from './internal/gate';

export const orderRateLimit = defineModule({
  type: 'risk/order-rate-limit',
  category: 'risk',
  title: 'Order rate limit',
  description: 'Blocks an order when the maximum number of orders already passed within the time window.',
  inputs: { in: intentInput },
  outputs: gateOutputs,
  params: {
    maxOrders: param.int({ default: 10, min: 1, max: 10_000, description: 'Orders allowed per window.' }),
    windowSeconds: param.float({
      default: 60,
      min: 0.001,
      max: 86_400,
      description: 'Length of the sliding window.',
    }),
  },
  init: ({ maxOrders, windowSeconds }) => ({
    event: createGateEvent('risk/order-rate-limit'),
    denial: {
      code: 'ORDER_RATE_EXCEEDS_MAX',
      orders: maxOrders,
      max: maxOrders,
      windowMs: windowSeconds * 1000,
    } as RiskDenialOf<'ORDER_RATE_EXCEEDS_MAX'>,
    /** Times of the last maxOrders passed orders, a ring; -Infinity while not yet filled. */
    passedAtMs: new Float64Array(maxOrders).fill(Number.NEGATIVE_INFINITY),
    next: 0,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (intent.action === 'cancel') return passIntent(outputs, intent);
    // The oldest of the last maxOrders passes: if it is still inside the window, the window is full.
    if (state.passedAtMs[state.next] > ctx.timeMs - state.denial.windowMs) {
      return blockIntent(state.event, outputs, ctx, state.denial, intent);
    }
    state.passedAtMs[state.next] = ctx.timeMs;
    state.next = (state.next + 1) % state.passedAtMs.length;
    return passIntent(outputs, intent);
  },
});
