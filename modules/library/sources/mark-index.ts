// Mark and index prices of one stream, and the premium of the mark over the index (what the
// funding formulas and indicators/funding-estimate start from). Emits on each mark update.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const markIndex = defineModule({
  type: 'sources/mark-index',
  category: 'sources',
  title: 'Mark and index',
  description:
    "One stream's mark price, index price and the premium (mark - index) / index; emits on each mark update.",
  feed: 'market',
  inputs: {},
  outputs: {
    mark: port.number({ description: 'Mark price (what PnL and liquidation use)' }),
    index: port.number({ description: 'Index price (spot reference); NaN until the venue gives one' }),
    premium: port.number({ description: '(mark - index) / index, a fraction; NaN without an index' }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, markVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.markVersion === state.markVersion) return false;
    state.markVersion = slot.markVersion;
    outputs.mark = slot.markPrice;
    outputs.index = slot.indexPrice;
    outputs.premium = (slot.markPrice - slot.indexPrice) / slot.indexPrice;
  },
});
