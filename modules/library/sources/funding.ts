// Funding of one perpetual stream: the venue's current (predicted) rate and when it is next
// charged. Emits on each funding update of the stream.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const funding = defineModule({
  type: 'sources/funding',
  category: 'sources',
  title: 'Funding',
  description:
    "One perpetual stream's funding rate per interval and next funding time, as the venue publishes them; " +
    'emits on each update.',
  feed: 'market',
  inputs: {},
  outputs: {
    rate: port.number({ description: 'Rate per funding interval, a fraction; positive: longs pay shorts' }),
    nextFundingMs: port.number({
      description: 'Next funding time, UTC ms (NaN when the venue does not say)',
    }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, fundingVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.fundingVersion === state.fundingVersion) return false;
    state.fundingVersion = slot.fundingVersion;
    outputs.rate = slot.fundingRate;
    outputs.nextFundingMs = slot.nextFundingMs;
  },
});
