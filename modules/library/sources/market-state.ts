// Market state of one stream (venue and symbol, by its index in the run config's market
// streams) from the market feed: last, bid, ask, mark, index, funding and the stale flag.
// It steps with the market feed (in ticks in which the run wrote market events, or a stream
// turned stale) and emits when the stream's version moved; without a market feed (or past its
// streams) it never emits.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { marketStreamsMax } from '../../sdk/market-feed';

export const marketState = defineModule({
  type: 'sources/market-state',
  category: 'sources',
  title: 'Market state',
  description:
    "One market stream's newest last, bid, ask, mark and index prices, funding rate and next funding time, " +
    'and whether the stream is stale; emits when the stream updates.',
  feed: 'market',
  inputs: {},
  outputs: {
    last: port.number({ description: 'Last trade price' }),
    bid: port.number({ description: 'Best bid' }),
    ask: port.number({ description: 'Best ask' }),
    mark: port.number({ description: 'Mark price' }),
    index: port.number({ description: 'Index price' }),
    funding: port.number({ description: 'Funding rate per interval, a fraction' }),
    nextFundingMs: port.number({ description: 'Next funding time (UTC ms)' }),
    stale: port.bool({ description: 'No update within the venue stale window' }),
  },
  params: {
    stream: param.int({
      default: 0,
      min: 0,
      max: marketStreamsMax - 1,
      description: "Index of the stream (venue and symbol) in the run config's market streams",
    }),
  },
  init: ({ stream }) => ({ stream, version: -1 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.version === state.version) return false;
    state.version = slot.version;
    outputs.last = slot.last;
    outputs.bid = slot.bid;
    outputs.ask = slot.ask;
    outputs.mark = slot.markPrice;
    outputs.index = slot.indexPrice;
    outputs.funding = slot.fundingRate;
    outputs.nextFundingMs = slot.nextFundingMs;
    outputs.stale = slot.stale;
  },
});
