// Test-only module declarations for the patch tests. They mirror the shapes of real library
// modules (a bar source, a binary op, an indicator with bounded params, a latched delay) so the
// patch language can be tested without depending on the library being written alongside it.
// Not for product code: use createBuiltinRegistry() from modules/library.
import { defineModule } from '../sdk/define-module';
import { param } from '../sdk/params';
import { port } from '../sdk/ports';
import { ModuleRegistry } from '../sdk/registry';

const bars = defineModule({
  type: 'sources/bars',
  category: 'sources',
  title: 'Bars',
  description: 'Test bar source.',
  inputs: {},
  outputs: { bar: port.bar(), close: port.number() },
  params: { symbol: param.enum({ default: 'BTC/USDT:USDT', values: ['BTC/USDT:USDT', 'ETH/USDT:USDT'] }) },
  feed: 'bar',
  init: () => ({}),
  step: () => false,
});

const constant = defineModule({
  type: 'sources/constant',
  category: 'sources',
  title: 'Constant',
  description: 'Test constant.',
  inputs: {},
  outputs: { value: port.number() },
  params: { value: param.float({ default: 0, min: -1e9, max: 1e9 }) },
  init: ({ value }) => ({ value }),
  step: (state, _inputs, outputs) => {
    outputs.value = state.value;
  },
});

const add = defineModule({
  type: 'math/add',
  category: 'math',
  title: 'Add',
  description: 'Test adder.',
  inputs: { a: port.number(), b: port.number({ required: false, defaultValue: 0 }) },
  outputs: { value: port.number() },
  params: {},
  init: () => ({}),
  step: (_state, inputs, outputs) => {
    outputs.value = inputs.a + inputs.b;
  },
});

const ema = defineModule({
  type: 'indicators/ema',
  category: 'indicators',
  title: 'EMA',
  description: 'Test EMA.',
  inputs: { price: port.number() },
  outputs: { value: port.number() },
  params: {
    period: param.int({ default: 20, min: 1, max: 10_000 }),
    warmup: param.bool({ default: true }),
  },
  init: ({ period }) => ({ alpha: 2 / (period + 1), value: Number.NaN }),
  step: (state, inputs, outputs) => {
    state.value = Number.isNaN(state.value)
      ? inputs.price
      : state.value + state.alpha * (inputs.price - state.value);
    outputs.value = state.value;
  },
});

const greater = defineModule({
  type: 'logic/greater',
  category: 'logic',
  title: 'Greater',
  description: 'Test comparison.',
  inputs: { a: port.number(), b: port.number() },
  outputs: { value: port.bool() },
  params: {},
  init: () => ({}),
  step: (_state, inputs, outputs) => {
    outputs.value = inputs.a > inputs.b;
  },
});

const delay = defineModule({
  type: 'logic/delay',
  category: 'logic',
  title: 'Delay',
  description: 'Test one-tick delay.',
  inputs: { input: port.number() },
  outputs: { value: port.number() },
  params: {},
  init: () => ({ held: Number.NaN }),
  step: (state, _inputs, outputs) => {
    outputs.value = state.held;
  },
  latch: (state, inputs, ctx) => {
    state.held = inputs.input;
    ctx.wakeAt(ctx.timeMs + ctx.tickIntervalMs);
  },
});

export function createTestRegistry(): ModuleRegistry {
  return new ModuleRegistry([bars, constant, add, ema, greater, delay]);
}
