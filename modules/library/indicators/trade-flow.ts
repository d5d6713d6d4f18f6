// Trade flow: each trade classified as buyer- or seller-initiated, and the aggressor volumes
// over the last `period` trades. The side comes from the venue when it says (+1 buy, -1 sell);
// otherwise from the tick rule: a trade above the last different price is a buy, below it a
// sell, at the same price it keeps the previous trade's side; before any price change it is
// unclassified (side 0, its amount counted in neither volume).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { periodParam } from './internal/period-param';

interface State {
  period: number;
  buys: Float64Array;
  sells: Float64Array;
  next: number;
  count: number;
  buySum: number;
  sellSum: number;
  sinceExact: number;
  cumulative: number;
  /** The last price that differed from the one before it, for the tick rule. */
  lastPrice: number;
  lastSide: number;
}

export const tradeFlow = defineModule({
  type: 'indicators/trade-flow',
  category: 'indicators',
  title: 'Trade flow',
  description:
    'Classifies each trade by aggressor (the venue side when given, else the tick rule) and gives buy and ' +
    'sell volume and their difference over the last `period` trades, and the cumulative delta since the start. ' +
    'A trade with a NaN or negative price or amount is skipped and gives NaN.',
  inputs: {
    price: port.number({ description: 'Trade price' }),
    amount: port.number({ description: 'Trade amount (base units)' }),
    venueSide: port.number({
      required: false,
      description: 'Aggressor from the venue: +1 buy, -1 sell; NaN or 0 (unconnected) uses the tick rule',
    }),
  },
  outputs: {
    side: port.number({ description: 'This trade: +1 buy, -1 sell, 0 unclassified' }),
    buy: port.number({ description: 'Buy-aggressor volume over the window' }),
    sell: port.number({ description: 'Sell-aggressor volume over the window' }),
    delta: port.number({ description: 'Buy minus sell volume over the window' }),
    cumDelta: port.number({ description: 'Buy minus sell volume since the start' }),
  },
  params: { period: periodParam({ default: 100, min: 1, description: 'Trades in the window' }) },
  init: ({ period }): State => ({
    period,
    buys: new Float64Array(period),
    sells: new Float64Array(period),
    next: 0,
    count: 0,
    buySum: 0,
    sellSum: 0,
    sinceExact: 0,
    cumulative: 0,
    lastPrice: Number.NaN,
    lastSide: 0,
  }),
  step(state, inputs, outputs) {
    const { price, amount } = inputs;
    if (!(price > 0) || !(amount >= 0)) {
      outputs.side = Number.NaN;
      outputs.buy = Number.NaN;
      outputs.sell = Number.NaN;
      outputs.delta = Number.NaN;
      outputs.cumDelta = Number.NaN;
      return;
    }
    let side: number;
    if (inputs.venueSide > 0) side = 1;
    else if (inputs.venueSide < 0) side = -1;
    else if (price > state.lastPrice) side = 1;
    else if (price < state.lastPrice) side = -1;
    else side = state.lastSide; // zero tick, or the first trade (0)
    if (price !== state.lastPrice) state.lastPrice = price;
    state.lastSide = side;
    const buy = side > 0 ? amount : 0;
    const sell = side < 0 ? amount : 0;
    const slot = state.next;
    state.buySum += buy - state.buys[slot];
    state.sellSum += sell - state.sells[slot];
    state.buys[slot] = buy;
    state.sells[slot] = sell;
    state.next = slot + 1 === state.period ? 0 : slot + 1;
    if (state.count < state.period) state.count++;
    if (++state.sinceExact >= state.period) {
      // Once a window the sums are taken afresh, so add-and-subtract rounding never builds up.
      let buys = 0;
      let sells = 0;
      for (let i = 0; i < state.period; i++) {
        buys += state.buys[i];
        sells += state.sells[i];
      }
      state.buySum = buys;
      state.sellSum = sells;
      state.sinceExact = 0;
    }
    state.cumulative += buy - sell;
    outputs.side = side;
    outputs.buy = state.buySum;
    outputs.sell = state.sellSum;
    outputs.delta = state.buySum - state.sellSum;
    outputs.cumDelta = state.cumulative;
  },
});
