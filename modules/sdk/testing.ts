// A harness to step one module directly, without a kernel: what each library test uses.
import type { AnyModuleDefinition, Feeds, StepContext } from './define-module';
import type { ParamValue } from './params';

type Value = number | boolean | object | null;

export interface HarnessStep {
  /** Outputs after the step (held values when nothing was emitted). */
  outputs: Record<string, Value>;
  emitted: boolean;
  wakeRequestsMs: number[];
}

export interface ModuleHarness {
  /** Step with these input values; `changed` lists the inputs that emitted (default: all given). */
  step(
    inputs: Record<string, Value>,
    options?: {
      timeMs?: number;
      changed?: string[];
      bar?: Feeds['bar'];
      trading?: Feeds['trading'];
      market?: Feeds['market'];
    },
  ): HarnessStep;
  latch(inputs: Record<string, Value>, options?: { timeMs?: number; changed?: string[] }): number[];
  readonly state: unknown;
}

export function createModuleHarness(
  definition: AnyModuleDefinition,
  params: Record<string, ParamValue> = {},
  tickIntervalMs = 100,
): ModuleHarness {
  const fullParams: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(definition.params))
    fullParams[name] = params[name] ?? spec.defaultValue;
  const state = definition.init(fullParams as never);
  const inputs: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(definition.inputs)) {
    inputs[name] =
      spec.type === 'bool' ? spec.defaultValue !== 0 : spec.type === 'number' ? spec.defaultValue : null;
  }
  const outputs: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(definition.outputs)) {
    outputs[name] = spec.type === 'bool' ? false : spec.type === 'number' ? Number.NaN : null;
  }
  let tickCount = 0;

  function context(timeMs: number, changed: Set<string>, feeds: Feeds, wakes: number[]): StepContext {
    return {
      timeMs,
      tickIntervalMs,
      feeds,
      inputChanged: (name) => changed.has(name),
      wakeAt: (t) => wakes.push(t),
    };
  }

  return {
    get state() {
      return state;
    },
    step(given, options = {}) {
      Object.assign(inputs, given);
      const timeMs = options.timeMs ?? tickCount * tickIntervalMs;
      tickCount++;
      const wakes: number[] = [];
      const changed = new Set(options.changed ?? Object.keys(given));
      const result = definition.step(
        state,
        inputs as never,
        outputs as never,
        context(
          timeMs,
          changed,
          { bar: options.bar ?? null, trading: options.trading ?? null, market: options.market ?? null },
          wakes,
        ),
      );
      return { outputs: { ...outputs }, emitted: result !== false, wakeRequestsMs: wakes };
    },
    latch(given, options = {}) {
      if (!definition.latch) throw new Error(`${definition.type} has no latch`);
      Object.assign(inputs, given);
      const wakes: number[] = [];
      const changed = new Set(options.changed ?? Object.keys(given));
      definition.latch(state, inputs as never, context(options.timeMs ?? 0, changed, { bar: null }, wakes));
      return wakes;
    },
  };
}

/**
 * Feed equal-length numeric series through a module, one step per index with every input
 * emitting, and collect each output per index (NaN where the step emitted nothing).
 */
export function runSeries(
  definition: AnyModuleDefinition,
  params: Record<string, ParamValue>,
  series: Record<string, readonly (number | boolean)[]>,
): Record<string, number[]> {
  const harness = createModuleHarness(definition, params);
  const names = Object.keys(series);
  const length = names.length ? series[names[0]].length : 0;
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(definition.outputs)) out[name] = [];
  for (let i = 0; i < length; i++) {
    const given: Record<string, Value> = {};
    for (const name of names) given[name] = series[name][i];
    const result = harness.step(given);
    for (const name of Object.keys(definition.outputs)) {
      const v = result.outputs[name];
      out[name].push(!result.emitted ? Number.NaN : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number));
    }
  }
  return out;
}
