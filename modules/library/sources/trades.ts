// Trades of one market stream: the newest trade, and what traded on the stream since the run's
// previous tick (count, volumes by aggressor, volume-weighted price). In a live run a 100 ms
// tick can hold many trades; they are summed here rather than lost, and the newest one is
// given for modules that follow trades one by one (wire price, amount and side into
// indicators/trade-flow). Emits in ticks in which the stream had trades.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { streamParam } from './internal/stream-param';

export const trades = defineModule({
  type: 'sources/trades',
  category: 'sources',
  title: 'Trades',
  description:
    "One stream's trades: the newest trade, and the count, volume, buy and sell volume and VWAP of the trades " +
    'since the previous tick; emits in ticks with trades.',
  feed: 'market',
  inputs: {},
  outputs: {
    price: port.number({ description: 'Price of the newest trade' }),
    amount: port.number({ description: 'Amount of the newest trade, base units' }),
    side: port.number({ description: 'Aggressor of the newest trade: +1 buy, -1 sell' }),
    count: port.number({ description: 'Trades since the previous tick' }),
    volume: port.number({ description: 'Traded amount since the previous tick, base units' }),
    buyVolume: port.number({ description: 'Of which bought by the aggressor' }),
    sellVolume: port.number({ description: 'Of which sold by the aggressor' }),
    vwap: port.number({ description: 'Volume-weighted price since the previous tick (NaN for zero volume)' }),
  },
  params: { stream: streamParam() },
  init: ({ stream }) => ({ stream, tradeVersion: 0 }),
  step(state, _inputs, outputs, ctx) {
    const slot = ctx.feeds.market?.streams[state.stream];
    if (slot === undefined || slot.tradeVersion === state.tradeVersion) return false;
    state.tradeVersion = slot.tradeVersion;
    outputs.price = slot.tradePrice;
    outputs.amount = slot.tradeAmount;
    outputs.side = slot.tradeSide;
    outputs.count = slot.tradeCount;
    outputs.volume = slot.tradeVolume;
    outputs.buyVolume = slot.buyVolume;
    outputs.sellVolume = slot.sellVolume;
    outputs.vwap = slot.tradeVolume > 0 ? slot.tradeNotional / slot.tradeVolume : Number.NaN;
  },
});
