// Order-book imbalance of one stream: (bid - ask) / (bid + ask) of the sizes resting on each
// side, counted over the top `levels` levels of each side (mode `levels`) or within depthBps
// of the mid (mode `band`, as sources/book-depth counts them). +1: only bids, -1: only asks.
// Emits on each book update; NaN when nothing is counted on either side, or in `band` mode
// while a side is empty (no mid).
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { bookLevelsMax } from '../../sdk/market-feed';
import { streamParam } from './internal/stream-param';

export const bookImbalance = defineModule({
  type: 'sources/book-imbalance',
  category: 'sources',
  title: 'Book imbalance',
  description:
    "(bid - ask) / (bid + ask) of the sizes on one stream's book, over the top `levels` levels or within " +
    'depthBps of the mid; emits on each book update.',
  feed: 'market',
  inputs: {},
  outputs: {
    out: port.number({ description: 'Imbalance in [-1, 1]; positive: more size bid than offered' }),
    bid: port.number({ description: 'Bid size counted, base units' }),
    ask: port.number({ description: 'Ask size counted, base units' }),
  },
  params: {
    stream: streamParam(),
    mode: param.enum({
      default: 'levels',
      values: ['levels', 'band'],
      description: '`levels`: the top `levels` levels of each side; `band`: within depthBps of the mid',
    }),
    levels: param.int({
      default: 5,
      min: 1,
      max: bookLevelsMax,
      description: 'Levels a side (mode `levels`)',
    }),
    depthBps: param.float({
      default: 10,
      min: 0,
      max: 10_000,
      description: 'Half-width of the band around the mid, in basis points (mode `band`)',
    }),
  },
  init: ({ stream, mode, levels, depthBps }) => ({
    stream,
    byLevels: mode === 'levels',
    levels,
    band: depthBps / 10_000,
    bookVersion: 0,
  }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.bookVersion === state.bookVersion) return false;
    state.bookVersion = slot.bookVersion;
    let bid = 0;
    let ask = 0;
    if (state.byLevels) {
      const bidLevels = Math.min(slot.bidLevels, state.levels);
      const askLevels = Math.min(slot.askLevels, state.levels);
      for (let i = 0; i < bidLevels; i++) bid += slot.bidSizes[i];
      for (let i = 0; i < askLevels; i++) ask += slot.askSizes[i];
    } else if (slot.bidLevels === 0 || slot.askLevels === 0) {
      bid = Number.NaN;
      ask = Number.NaN;
    } else {
      const mid = (slot.bidPrices[0] + slot.askPrices[0]) / 2;
      const bidFloor = mid * (1 - state.band);
      const askCeiling = mid * (1 + state.band);
      for (let i = 0; i < slot.bidLevels && slot.bidPrices[i] >= bidFloor; i++) bid += slot.bidSizes[i];
      for (let i = 0; i < slot.askLevels && slot.askPrices[i] <= askCeiling; i++) ask += slot.askSizes[i];
    }
    const total = bid + ask;
    outputs.out = total > 0 ? (bid - ask) / total : Number.NaN;
    outputs.bid = bid;
    outputs.ask = ask;
  },
});
