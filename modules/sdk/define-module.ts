// defineModule: a module type is declared once and feeds the kernel, validation, the
// catalog (editor palette, CLI, docs) alike.
import type { Bar, PortMap, PortSpec, PortValueByType } from './ports';
import type { ParamMap, ParamValues } from './params';
import type { MarketFeed } from './market-feed';
import type { TradingFeed } from './trading-feed';

export const moduleCategories = [
  'sources',
  'math',
  'logic',
  'indicators',
  'agents',
  'orders',
  'risk',
  'sinks',
] as const;
export type ModuleCategory = (typeof moduleCategories)[number];

/** External event streams a source module can read. The run sets them before a tick. */
export interface Feeds {
  /** The bar that arrived this tick, or null when none did. */
  bar: Bar | null;
  /**
   * Account state in, order intents and risk events out (see trading-feed.ts). Set once by a
   * run that has a broker and updated in place before each tick; absent without a broker.
   * Not an event stream: no module steps because of it (account sources step with the bars).
   */
  trading?: TradingFeed | null;
  /**
   * Market state per stream (see market-feed.ts): set once by a run with market streams and
   * updated in place before each tick; absent otherwise. A tick in which its `changed` flag is
   * set steps the modules declared with `feed: 'market'`; the kernel clears the flag after it.
   */
  market?: MarketFeed | null;
}
/**
 * Feeds that make a source step when they deliver: `bar` when a bar arrived this tick, `market`
 * when the run wrote market events into `feeds.market` before it (its `changed` flag).
 */
export type FeedName = 'bar' | 'market';

export type InputValues<I extends PortMap> = { [K in keyof I]: PortValueByType[I[K]['type']] };
export type OutputValues<O extends PortMap> = { [K in keyof O]: PortValueByType[O[K]['type']] };

/** Everything a step may know about the world. Time and events only come in through here. */
export interface StepContext<I extends PortMap = PortMap> {
  /** Time of the current tick, integer UTC milliseconds. */
  readonly timeMs: number;
  /** Interval of the run's tick grid (100 ms live); a one-tick delay wakes at timeMs + tickIntervalMs. */
  readonly tickIntervalMs: number;
  readonly feeds: Readonly<Feeds>;
  /** True when the input emitted this tick (connected inputs only). */
  inputChanged(name: keyof I & string): boolean;
  /** Ask to be stepped again at (or at the first tick after) this time. */
  wakeAt(timeMs: number): void;
}

export interface ModuleDefinition<
  I extends PortMap = PortMap,
  O extends PortMap = PortMap,
  P extends ParamMap = ParamMap,
  S = unknown,
> {
  /** `category/name`, mirroring the file path under modules/library. */
  type: string;
  category: ModuleCategory;
  title: string;
  description: string;
  inputs: I;
  outputs: O;
  params: P;
  /** A source that steps whenever this feed delivers an event. */
  feed?: FeedName;
  /** Fresh per-instance state. Called again when params change or inbound cables change. */
  init(params: ParamValues<P>): S;
  /**
   * Called when an input emitted, a requested wake-up came, the module's feed delivered, or
   * (for modules without inputs) on the first tick after it was created. Write outputs; return
   * `false` to emit nothing this step (outputs keep their previous values and are not flagged).
   * Synchronous, bounded, no I/O, no clock reads: time comes from ctx.
   */
  step(
    state: S,
    inputs: Readonly<InputValues<I>>,
    outputs: OutputValues<O>,
    ctx: StepContext<I>,
  ): void | boolean;
  /**
   * Modules with `latch` break cycles: their inputs do not order them in the tick, and instead
   * of `step`, `latch` is called at the end of a tick in which an input emitted. `step` then
   * runs only on wake-ups. Only logic/delay should need this.
   */
  latch?(state: S, inputs: Readonly<InputValues<I>>, ctx: StepContext<I>): void;
  /**
   * Optional scalar form of `step`, for the kernel's fast paths: a module whose inputs are all
   * numbers or bools, with one number or bool output, that emits on every step and uses no
   * ctx. It takes the state and the input values in declaration order (bools as booleans) and
   * returns the output value, so the kernel passes values straight from its slots instead of
   * copying them into and out of the inputs and outputs objects. `step` must be exactly
   * `outputs.<output> = scalar(state, inputs.<first>, inputs.<second>, ...)`: the kernel's
   * generic runners call `step`, its specialised ones `scalar`, and its tests check both give
   * the same results bit for bit.
   */
  scalar?: (state: S, ...inputs: never[]) => number | boolean;
}

/** A definition with its generics erased, as stored in a registry. */
export type AnyModuleDefinition = ModuleDefinition<PortMap, PortMap, ParamMap, unknown>;

export function defineModule<I extends PortMap, O extends PortMap, P extends ParamMap, S>(
  definition: ModuleDefinition<I, O, P, S>,
): AnyModuleDefinition {
  const prefix = definition.type.split('/')[0];
  if (prefix !== definition.category) {
    throw new Error(
      `module ${definition.type}: category "${definition.category}" must match the type prefix`,
    );
  }
  for (const [name, spec] of Object.entries(definition.outputs) as [string, PortSpec][]) {
    if (name in definition.inputs)
      throw new Error(`module ${definition.type}: port "${name}" is both input and output`);
    void spec;
  }
  if (definition.scalar !== undefined) checkScalarForm(definition as unknown as AnyModuleDefinition);
  return definition as unknown as AnyModuleDefinition;
}

/** A scalar form fits only the shape it is declared for (see ModuleDefinition.scalar). */
function checkScalarForm(definition: AnyModuleDefinition): void {
  const numeric = (spec: PortSpec) => spec.type === 'number' || spec.type === 'bool';
  const outputs = Object.values(definition.outputs);
  const inputs = Object.values(definition.inputs);
  const why =
    outputs.length !== 1 || !numeric(outputs[0])
      ? 'needs exactly one number or bool output'
      : !inputs.every(numeric)
        ? 'needs number or bool inputs only'
        : definition.latch !== undefined || definition.feed !== undefined
          ? 'cannot latch or read a feed'
          : definition.scalar!.length !== inputs.length + 1
            ? `must take the state and ${inputs.length} input(s)`
            : null;
  if (why !== null) throw new Error(`module ${definition.type}: scalar form ${why}`);
}
