// The run's bar feed as a module: one emission per delivered bar, split into OHLCV ports.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';

export const bars = defineModule({
  type: 'sources/bars',
  category: 'sources',
  title: 'Bars',
  description:
    "Emits each OHLCV bar of the run's symbol and timeframe as it closes, with its fields split out.",
  feed: 'bar',
  inputs: {},
  outputs: {
    open: port.number({ description: 'First traded price of the bar.' }),
    high: port.number({ description: 'Highest traded price of the bar.' }),
    low: port.number({ description: 'Lowest traded price of the bar.' }),
    close: port.number({ description: 'Last traded price of the bar.' }),
    volume: port.number({ description: 'Traded quantity during the bar, in base currency.' }),
    bar: port.bar({ description: 'The whole bar, for modules that need several fields or its open time.' }),
  },
  params: {},
  // Stateless: every field is copied from the feed's bar, so nothing leaks from one bar to the next.
  init: () => null,
  step(_state, _inputs, outputs, ctx) {
    const bar = ctx.feeds.bar;
    // Stepped once on the first tick even without a bar; emit nothing until one arrives.
    if (bar === null) return false;
    outputs.open = bar.open;
    outputs.high = bar.high;
    outputs.low = bar.low;
    outputs.close = bar.close;
    outputs.volume = bar.volume;
    // The reference is passed through; the run owns the bar and must not mutate it after delivery.
    outputs.bar = bar;
    return true;
  },
});
