// The run's own position, back into the patch: what the broker reports for the run's symbol,
// read from the trading feed at the start of a tick. Reading state (rather than a cable from
// the sink) is what lets a strategy react to its own fills without a cycle in the graph.
//
// It steps with the bar feed (the tick's market data) and emits only when the run's account
// version moved since its last emission; without a broker it reports flat once, which is the
// truth there: nothing can fill.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const position = defineModule({
  type: 'sources/position',
  category: 'sources',
  title: 'Position',
  description:
    "The run's position in its symbol as the broker reports it: size, entry price, unrealised PnL and liquidation price.",
  feed: 'bar',
  inputs: {},
  outputs: {
    size: port.number({ description: 'Signed size in base currency: long > 0, short < 0, flat 0.' }),
    entryPrice: port.number({ description: 'Average entry price; NaN when flat.' }),
    unrealisedPnl: port.number({
      description: 'Unrealised profit or loss at the mark, in the quote currency.',
    }),
    liquidationPrice: port.number({
      description: 'Mark price at which the position is liquidated; NaN when flat.',
    }),
  },
  params: {},
  init: () => ({ version: Number.NaN }),
  step(state, _inputs, outputs, ctx) {
    const trading = ctx.feeds.trading;
    if (trading === null || trading === undefined) {
      // -1: reported that there is no broker (a broker's versions start at 0).
      if (state.version === -1) return false;
      state.version = -1;
      outputs.size = 0;
      outputs.entryPrice = Number.NaN;
      outputs.unrealisedPnl = 0;
      outputs.liquidationPrice = Number.NaN;
      return true;
    }
    if (trading.version === state.version) return false;
    state.version = trading.version;
    const held = trading.positions.get(trading.symbol);
    if (held === undefined) {
      outputs.size = 0;
      outputs.entryPrice = Number.NaN;
      outputs.unrealisedPnl = 0;
      outputs.liquidationPrice = Number.NaN;
    } else {
      outputs.size = held.size;
      outputs.entryPrice = held.entryPrice;
      outputs.unrealisedPnl = held.unrealisedPnl;
      outputs.liquidationPrice = held.liquidationPrice;
    }
    return true;
  },
});
