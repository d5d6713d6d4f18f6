// Depth of one stream's book within N basis points of the mid: the bid size resting at or
// above mid * (1 - N/10,000) and the ask size at or below mid * (1 + N/10,000). Only the
// levels the feed keeps count (bookLevelsMax a side): a band wider than those levels reads
// what they hold. Emits on each book update; NaN while either side is empty (no mid).
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const bookDepth = defineModule({
  type: 'sources/book-depth',
  category: 'sources',
  title: 'Book depth',
  description:
    "Bid and ask size resting within depthBps basis points of one stream's mid price, in base units and in " +
    'quote value; emits on each book update.',
  feed: 'market',
  inputs: {},
  outputs: {
    bid: port.number({ description: 'Bid size within the band, base units' }),
    ask: port.number({ description: 'Ask size within the band, base units' }),
    bidValue: port.number({ description: 'Sum of price * size of those bids, quote currency' }),
    askValue: port.number({ description: 'Sum of price * size of those asks, quote currency' }),
  },
  params: {
    stream: streamParam(),
    depthBps: param.float({
      default: 10,
      min: 0,
      max: 10_000,
      description: 'Half-width of the band around the mid, in basis points',
    }),
  },
  init: ({ stream, depthBps }) => ({ stream, band: depthBps / 10_000, bookVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.bookVersion === state.bookVersion) return false;
    state.bookVersion = slot.bookVersion;
    if (slot.bidLevels === 0 || slot.askLevels === 0) {
      outputs.bid = Number.NaN;
      outputs.ask = Number.NaN;
      outputs.bidValue = Number.NaN;
      outputs.askValue = Number.NaN;
      return;
    }
    const mid = (slot.bidPrices[0] + slot.askPrices[0]) / 2;
    const bidFloor = mid * (1 - state.band);
    const askCeiling = mid * (1 + state.band);
    let bid = 0;
    let bidValue = 0;
    for (let i = 0; i < slot.bidLevels && slot.bidPrices[i] >= bidFloor; i++) {
      bid += slot.bidSizes[i];
      bidValue += slot.bidPrices[i] * slot.bidSizes[i];
    }
    let ask = 0;
    let askValue = 0;
    for (let i = 0; i < slot.askLevels && slot.askPrices[i] <= askCeiling; i++) {
      ask += slot.askSizes[i];
      askValue += slot.askPrices[i] * slot.askSizes[i];
    }
    outputs.bid = bid;
    outputs.ask = ask;
    outputs.bidValue = bidValue;
    outputs.askValue = askValue;
  },
});
