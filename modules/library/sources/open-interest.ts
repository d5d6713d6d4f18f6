// Open interest of one derivatives stream: contracts outstanding and their value. Emits on
// each update (venues publish it every few seconds, or it is polled).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const openInterest = defineModule({
  type: 'sources/open-interest',
  category: 'sources',
  title: 'Open interest',
  description: "One stream's open interest in contracts and in quote value; emits on each update.",
  feed: 'market',
  inputs: {},
  outputs: {
    amount: port.number({ description: 'Open interest in contracts (base units for linear perpetuals)' }),
    value: port.number({ description: 'Open interest value in the quote currency (NaN when not given)' }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, openInterestVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.openInterestVersion === state.openInterestVersion) return false;
    state.openInterestVersion = slot.openInterestVersion;
    outputs.amount = slot.openInterest;
    outputs.value = slot.openInterestValue;
  },
});
