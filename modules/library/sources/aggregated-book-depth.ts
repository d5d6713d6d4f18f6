// A cross-venue aggregated book: the depth within N bps of the mid, summed over up to four
// streams (the same instrument on several venues). Each venue's band is taken around its own
// mid, so venues quoting a little apart (USDT vs USDC, a basis between perps) add up their
// near-touch liquidity instead of one venue's book falling outside another's band. A stream
// with an empty side adds nothing (and is not counted in `venues`). Emits when any of its
// streams' books updated.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import { optionalStreamParam } from './internal/stream-param';

export const aggregatedBookDepth = defineModule({
  type: 'sources/aggregated-book-depth',
  category: 'sources',
  title: 'Aggregated book depth',
  description:
    "Bid and ask size within depthBps of each venue's own mid, summed over up to four streams, with the " +
    'imbalance of the sums; emits when any of the books updates.',
  feed: 'market',
  inputs: {},
  outputs: {
    bid: port.number({ description: 'Summed bid size within the band, base units' }),
    ask: port.number({ description: 'Summed ask size within the band, base units' }),
    imbalance: port.number({ description: '(bid - ask) / (bid + ask); NaN when both are 0' }),
    venues: port.number({ description: 'Streams with a two-sided book that were summed' }),
  },
  params: {
    streamA: optionalStreamParam('first'),
    streamB: optionalStreamParam('second'),
    streamC: optionalStreamParam('third'),
    streamD: optionalStreamParam('fourth'),
    depthBps: param.float({
      default: 10,
      min: 0,
      max: 10_000,
      description: "Half-width of the band around each venue's mid, in basis points",
    }),
  },
  init: ({ streamA, streamB, streamC, streamD, depthBps }) => ({
    streams: Int32Array.from([streamA, streamB, streamC, streamD]),
    versions: new Float64Array(4),
    band: depthBps / 10_000,
  }),
  step(state, _inputs, outputs, ctx) {
    const market = ctx.feeds.market;
    if (market === undefined || market === null) return false;
    const { streams, versions } = state;
    let moved = false;
    for (let k = 0; k < 4; k++) {
      const slot = streams[k] < 0 ? undefined : market.streams[streams[k]];
      if (slot !== undefined && slot.bookVersion !== versions[k]) {
        versions[k] = slot.bookVersion;
        moved = true;
      }
    }
    if (!moved) return false;
    let bid = 0;
    let ask = 0;
    let venues = 0;
    for (let k = 0; k < 4; k++) {
      const slot = streams[k] < 0 ? undefined : market.streams[streams[k]];
      if (slot === undefined || slot.bidLevels === 0 || slot.askLevels === 0) continue;
      venues++;
      const mid = (slot.bidPrices[0] + slot.askPrices[0]) / 2;
      const bidFloor = mid * (1 - state.band);
      const askCeiling = mid * (1 + state.band);
      for (let i = 0; i < slot.bidLevels && slot.bidPrices[i] >= bidFloor; i++) bid += slot.bidSizes[i];
      for (let i = 0; i < slot.askLevels && slot.askPrices[i] <= askCeiling; i++) ask += slot.askSizes[i];
    }
    outputs.bid = bid;
    outputs.ask = ask;
    outputs.imbalance = bid + ask > 0 ? (bid - ask) / (bid + ask) : Number.NaN;
    outputs.venues = venues;
  },
});
