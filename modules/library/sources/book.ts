// Top of one stream's order book: best bid and ask with their sizes, the mid and the spread.
// The book itself is kept by the run in the market feed (up to bookLevelsMax levels a side,
// from the venue's L2 snapshots and deltas); the book-* sources aggregate deeper levels.
// Emits on each book update; a one-sided book gives NaN for what needs both sides.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const book = defineModule({
  type: 'sources/book',
  category: 'sources',
  title: 'Book top',
  description:
    "Best bid and ask of one stream's order book with their sizes, the mid price and the spread in price " +
    'and in basis points of the mid; emits on each book update.',
  feed: 'market',
  inputs: {},
  outputs: {
    bid: port.number({ description: 'Best bid price (NaN when no bids)' }),
    ask: port.number({ description: 'Best ask price (NaN when no asks)' }),
    bidSize: port.number({ description: 'Size at the best bid, base units (0 when no bids)' }),
    askSize: port.number({ description: 'Size at the best ask, base units (0 when no asks)' }),
    mid: port.number({ description: '(bid + ask) / 2' }),
    spread: port.number({ description: 'ask - bid' }),
    spreadBps: port.number({ description: 'Spread in basis points of the mid' }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, bookVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.bookVersion === state.bookVersion) return false;
    state.bookVersion = slot.bookVersion;
    const bid = slot.bidLevels > 0 ? slot.bidPrices[0] : Number.NaN;
    const ask = slot.askLevels > 0 ? slot.askPrices[0] : Number.NaN;
    outputs.bid = bid;
    outputs.ask = ask;
    outputs.bidSize = slot.bidLevels > 0 ? slot.bidSizes[0] : 0;
    outputs.askSize = slot.askLevels > 0 ? slot.askSizes[0] : 0;
    const mid = (bid + ask) / 2;
    outputs.mid = mid;
    outputs.spread = ask - bid;
    outputs.spreadBps = ((ask - bid) / mid) * 10_000;
  },
});
