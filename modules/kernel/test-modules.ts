// Test-only module definitions for the kernel's tests and benchmarks: small, with every
// behaviour the kernel must handle (feeds, wake-ups, emit-nothing, bool and bar ports, a latch).
// Not for product code: the real modules live in modules/library.
import { defineModule } from '../sdk/define-module';
import { param } from '../sdk/params';
import { port } from '../sdk/ports';
import { ModuleRegistry } from '../sdk/registry';

// States that hold changing numbers are classes: a class has its own hidden-class tree and its
// NaN-initialised fields are stored as doubles in place. A plain object literal shares its
// tree with every `{ sum, ... }` in the process and, once a field there has been generalised,
// each fractional number written to it allocates a HeapNumber: a step that allocates.
class AccumulatorState {
  count = 0;
  sum = Number.NaN;
  constructor(start: number) {
    this.sum = start;
  }
}

class DelayState {
  held = Number.NaN;
  constructor(initial: number) {
    this.held = initial;
  }
}

class TimerState {
  pending = Number.NaN;
  constructor(readonly delayMs: number) {}
}

/** Emits 1, 2, 3, ... on its first tick and then every `periodMs`. */
export const ticker = defineModule({
  type: 'sources/ticker',
  category: 'sources',
  title: 'Ticker',
  description: 'Counts wake-ups.',
  inputs: {},
  outputs: { value: port.number() },
  params: { periodMs: param.int({ default: 100, min: 1, max: 86_400_000 }) },
  init: ({ periodMs }) => ({ periodMs, count: 0 }),
  step(state, _inputs, outputs, ctx) {
    state.count++;
    outputs.value = state.count;
    ctx.wakeAt(ctx.timeMs + state.periodMs);
  },
});

/** Emits the bar feed's bar and close whenever a bar arrives. */
export const barFeed = defineModule({
  type: 'sources/bar-feed',
  category: 'sources',
  title: 'Bar feed',
  description: 'Passes the bar feed on.',
  inputs: {},
  outputs: { bar: port.bar(), close: port.number() },
  params: {},
  feed: 'bar',
  init: () => ({}),
  step(_state, _inputs, outputs, ctx) {
    const bar = ctx.feeds.bar;
    if (bar === null) return false;
    outputs.bar = bar;
    outputs.close = bar.close;
  },
});

/** Emits a fixed value on its first tick only. */
export const fixed = defineModule({
  type: 'sources/fixed',
  category: 'sources',
  title: 'Fixed',
  description: 'A constant.',
  inputs: {},
  outputs: { value: port.number() },
  params: { value: param.float({ default: 1, min: -1e9, max: 1e9 }) },
  init: ({ value }) => ({ value }),
  step(state, _inputs, outputs) {
    outputs.value = state.value;
  },
});

export const add = defineModule({
  type: 'math/add',
  category: 'math',
  title: 'Add',
  description: 'a + b',
  inputs: { a: port.number(), b: port.number({ required: false, defaultValue: 0 }) },
  outputs: { value: port.number() },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.value = addScalar(state, inputs.a, inputs.b);
  },
  scalar: addScalar,
});

function addScalar(_state: null, a: number, b: number): number {
  return a + b;
}

export const multiply = defineModule({
  type: 'math/multiply',
  category: 'math',
  title: 'Multiply',
  description: 'a * b',
  inputs: { a: port.number(), b: port.number({ required: false, defaultValue: 1 }) },
  outputs: { value: port.number() },
  params: {},
  init: () => null,
  step(state, inputs, outputs) {
    outputs.value = multiplyScalar(state, inputs.a, inputs.b);
  },
  scalar: multiplyScalar,
});

function multiplyScalar(_state: null, a: number, b: number): number {
  return a * b;
}

/** (a + b) * weight: keeps long random chains bounded. */
export const mix = defineModule({
  type: 'math/mix',
  category: 'math',
  title: 'Mix',
  description: '(a + b) * weight',
  inputs: { a: port.number(), b: port.number({ required: false, defaultValue: 0 }) },
  outputs: { value: port.number() },
  params: { weight: param.float({ default: 0.5, min: -10, max: 10 }) },
  init: ({ weight }) => ({ weight }),
  step(state, inputs, outputs) {
    outputs.value = mixScalar(state, inputs.a, inputs.b);
  },
  scalar: mixScalar,
});

function mixScalar(state: { weight: number }, a: number, b: number): number {
  return (a + b) * state.weight;
}

/** Counts its steps and sums its input: state a hot patch must keep. */
export const accumulator = defineModule({
  type: 'math/accumulator',
  category: 'math',
  title: 'Accumulator',
  description: 'Running count and sum.',
  inputs: { value: port.number() },
  outputs: { count: port.number(), sum: port.number() },
  params: { start: param.float({ default: 0, min: -1e9, max: 1e9 }) },
  init: ({ start }) => new AccumulatorState(start),
  step(state, inputs, outputs) {
    state.count++;
    state.sum += inputs.value;
    outputs.count = state.count;
    outputs.sum = state.sum;
  },
});

/** Which inputs emitted this step, as a bit mask: a=1, b=2. */
export const changeMask = defineModule({
  type: 'math/change-mask',
  category: 'math',
  title: 'Change mask',
  description: 'Reports ctx.inputChanged.',
  inputs: { a: port.number({ required: false }), b: port.number({ required: false }) },
  outputs: { mask: port.number() },
  params: {},
  init: () => null,
  step(_state, _inputs, outputs, ctx) {
    outputs.mask = (ctx.inputChanged('a') ? 1 : 0) + (ctx.inputChanged('b') ? 2 : 0);
  },
});

export const greater = defineModule({
  type: 'logic/greater',
  category: 'logic',
  title: 'Greater',
  description: 'a > b',
  inputs: { a: port.number(), b: port.number({ required: false, defaultValue: 0 }) },
  outputs: { value: port.bool() },
  params: {},
  init: () => null,
  step(_state, inputs, outputs) {
    outputs.value = inputs.a > inputs.b;
  },
});

/** Counts steps where its bool input is true; emits only on those (false otherwise). */
export const countTrue = defineModule({
  type: 'logic/count-true',
  category: 'logic',
  title: 'Count true',
  description: 'Emits the number of true inputs seen, only when the input is true.',
  inputs: { flag: port.bool({ required: false }) },
  outputs: { count: port.number() },
  params: {},
  init: () => ({ count: 0 }),
  step(state, inputs, outputs) {
    if (!inputs.flag) return false;
    state.count++;
    outputs.count = state.count;
  },
});

/** On each input, asks to be woken `delayMs` later and then emits the input it saw. */
export const timer = defineModule({
  type: 'logic/timer',
  category: 'logic',
  title: 'Timer',
  description: 'Re-emits its input after a delay.',
  inputs: { value: port.number() },
  outputs: { fired: port.number() },
  params: { delayMs: param.int({ default: 250, min: 0, max: 86_400_000 }) },
  init: ({ delayMs }) => new TimerState(delayMs),
  step(state, inputs, outputs, ctx) {
    if (ctx.inputChanged('value')) {
      state.pending = inputs.value;
      ctx.wakeAt(ctx.timeMs + state.delayMs);
      return false;
    }
    outputs.fired = state.pending;
  },
});

/** High minus low of a bar. */
export const barRange = defineModule({
  type: 'indicators/bar-range',
  category: 'indicators',
  title: 'Bar range',
  description: 'high - low',
  inputs: { bar: port.bar() },
  outputs: { range: port.number() },
  params: {},
  init: () => null,
  step(_state, inputs, outputs) {
    if (inputs.bar === null) return false;
    outputs.range = inputs.bar.high - inputs.bar.low;
  },
});

/** One-tick delay: latches its input at the end of a tick and emits it on the next. */
export const delay = defineModule({
  type: 'logic/delay',
  category: 'logic',
  title: 'Delay',
  description: 'One-tick delay.',
  inputs: { input: port.number() },
  outputs: { value: port.number() },
  params: { initial: param.float({ default: 0, min: -1e9, max: 1e9 }) },
  init: ({ initial }) => new DelayState(initial),
  step(state, _inputs, outputs) {
    outputs.value = state.held;
  },
  latch(state, inputs, ctx) {
    state.held = inputs.input;
    ctx.wakeAt(ctx.timeMs + ctx.tickIntervalMs);
  },
});

export const testModules = [
  ticker,
  barFeed,
  fixed,
  add,
  multiply,
  mix,
  accumulator,
  changeMask,
  greater,
  countTrue,
  timer,
  barRange,
  delay,
];

export function createKernelTestRegistry(): ModuleRegistry {
  return new ModuleRegistry(testModules);
}
