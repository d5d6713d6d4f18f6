// Microprice of one stream: the mid weighted by the sizes at the touch,
// (bid * askSize + ask * bidSize) / (bidSize + askSize). A heavy bid pulls it towards the
// ask: the side more likely to move next. Emits on each book update; NaN while either side
// is empty.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const microprice = defineModule({
  type: 'sources/microprice',
  category: 'sources',
  title: 'Microprice',
  description:
    "Size-weighted price between one stream's best bid and ask, (bid * askSize + ask * bidSize) / " +
    '(bidSize + askSize), and how far it sits from the mid; emits on each book update.',
  feed: 'market',
  inputs: {},
  outputs: {
    out: port.number({ description: 'Microprice' }),
    offsetBps: port.number({ description: '(microprice - mid) / mid in basis points' }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, bookVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.bookVersion === state.bookVersion) return false;
    state.bookVersion = slot.bookVersion;
    if (slot.bidLevels === 0 || slot.askLevels === 0) {
      outputs.out = Number.NaN;
      outputs.offsetBps = Number.NaN;
      return;
    }
    const bid = slot.bidPrices[0];
    const ask = slot.askPrices[0];
    const bidSize = slot.bidSizes[0];
    const askSize = slot.askSizes[0];
    const price = (bid * askSize + ask * bidSize) / (bidSize + askSize);
    const mid = (bid + ask) / 2;
    outputs.out = price;
    outputs.offsetBps = ((price - mid) / mid) * 10_000;
  },
});
