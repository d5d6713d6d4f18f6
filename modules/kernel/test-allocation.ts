// Test-only: how many bytes the kernel allocates per tick with one module type in the patch,
// for the allocation test and bench/kernel-module-allocation.bench.ts. Not for product code.
//
// V8 puts new objects in the young generation (new space), so while no scavenge runs, the
// growth of new space over a run of ticks is what those ticks allocated. Windows with a
// scavenge (new space shrank) are dropped. The minimum over the rest is the steady state: a
// step that allocates does so in every window, while the JIT's own allocations (compiling,
// tiering up) come and go.
import { patchSchemaVersion } from '../patch/types';
import type { Cable, Patch, PatchModule } from '../patch/types';
import type { AnyModuleDefinition } from '../sdk/define-module';
import type { Bar } from '../sdk/ports';
import type { ModuleRegistry } from '../sdk/registry';
import { Kernel } from './kernel';

export interface AllocationOptions {
  /** Bytes currently used in V8's new space (from node:v8 getHeapSpaceStatistics). */
  newSpaceUsedBytes(): number;
  warmupTicks?: number;
  windowTicks?: number;
  windowsMax?: number;
  /** Stop early once a window allocated at most this many bytes per tick. */
  settledBytesPerTick?: number;
  /**
   * 'boxed' (default): times come from an array of numbers boxed up front, which charges the
   * kernel only for what happens inside it. 'computed': each tick's epoch-millisecond time is
   * computed in the calling loop, as a clock does, so a tick() that V8 cannot inline into its
   * caller costs a boxed number per call, and a tick that turns its time into anything shows.
   */
  times?: 'computed' | 'boxed';
}

export interface AllocationFigures {
  /** Lowest bytes per tick over the windows without a scavenge (NaN when there were none). */
  minBytesPerTick: number;
  medianBytesPerTick: number;
  windows: number;
}

const startMs = 1_700_000_000_000;
const tickIntervalMs = 100;
const barPoolSize = 1024;

/** Bars with fractional prices (a random-looking walk), reused in turn so feeding allocates nothing. */
export function allocationBarPool(): Bar[] {
  const bars: Bar[] = [];
  let close = 30_000.25;
  for (let i = 0; i < barPoolSize; i++) {
    close += Math.sin(i * 0.37) * 40.3 + Math.cos(i * 0.11) * 15.7;
    const spread = 5.5 + Math.abs(Math.sin(i * 0.7)) * 30;
    bars.push({
      timeMs: startMs + i * 60_000,
      open: close - spread * 0.3,
      high: close + spread,
      low: close - spread * 1.1,
      close,
      volume: 10.125 + Math.abs(Math.cos(i * 0.23)) * 90,
    });
  }
  return bars;
}

const barFields = new Set(['open', 'high', 'low', 'close', 'volume']);

/**
 * `sources/bars` plus one module of each given type with every input connected: number inputs
 * to the bar field of their name (else the close), bools to "close > open", bars to the bar.
 */
export function moduleTypesPatch(definitions: readonly AnyModuleDefinition[]): Patch {
  const modules: PatchModule[] = [];
  const cables: Cable[] = [];
  const add = (id: string, type: string) =>
    modules.push({ id, type, params: {}, position: { x: 0, y: modules.length } });
  const connect = (from: string, fromPort: string, to: string, toPort: string) =>
    cables.push({ from: { module: from, port: fromPort }, to: { module: to, port: toPort } });
  add('bars', 'sources/bars');
  add('rising', 'math/compare');
  connect('bars', 'close', 'rising', 'a');
  connect('bars', 'open', 'rising', 'b');
  definitions.forEach((definition, index) => {
    if (definition.type === 'sources/bars') return;
    const id = `m${index}`;
    add(id, definition.type);
    for (const [name, spec] of Object.entries(definition.inputs)) {
      if (spec.type === 'bool') connect('rising', 'out', id, name);
      else if (spec.type === 'bar') connect('bars', 'bar', id, name);
      else if (spec.type === 'number') connect('bars', barFields.has(name) ? name : 'close', id, name);
    }
  });
  const name = definitions.length === 1 ? definitions[0].type : `${definitions.length} module types`;
  return { schemaVersion: patchSchemaVersion, name: `allocation: ${name}`, description: '', modules, cables };
}

/** Runs the patch with a bar every tick and measures the bytes allocated per tick. */
export function measureAllocation(
  patch: Patch,
  registry: ModuleRegistry,
  options: AllocationOptions,
): AllocationFigures {
  const { newSpaceUsedBytes } = options;
  const warmupTicks = options.warmupTicks ?? 20_000;
  const windowTicks = options.windowTicks ?? 10_000;
  const windowsMax = options.windowsMax ?? 18;
  const settled = options.settledBytesPerTick ?? -1;
  const kernel = new Kernel(patch, registry, { tickIntervalMs });
  const bars = allocationBarPool();
  let tick = 0;
  let runTicks: (count: number) => void;
  if (options.times === 'computed') {
    const loop = freshTickLoop();
    runTicks = (count) => {
      loop(kernel, bars, tick, count);
      tick += count;
    };
  } else {
    const timesMs = boxedTickTimes(warmupTicks + windowsMax * windowTicks);
    runTicks = (count) => {
      for (let i = 0; i < count; i++, tick++) {
        kernel.feeds.bar = bars[tick % barPoolSize];
        kernel.tick(timesMs[tick]);
      }
    };
  }
  runTicks(warmupTicks);
  const perTick: number[] = [];
  for (let window = 0; window < windowsMax; window++) {
    const before = newSpaceUsedBytes();
    runTicks(windowTicks);
    const grown = newSpaceUsedBytes() - before;
    if (grown < 0) continue;
    perTick.push(grown / windowTicks);
    if (grown / windowTicks <= settled) break;
  }
  perTick.sort((a, b) => a - b);
  return {
    minBytesPerTick: perTick.length > 0 ? perTick[0] : Number.NaN,
    medianBytesPerTick: perTick.length > 0 ? perTick[perTick.length >> 1] : Number.NaN,
    windows: perTick.length,
  };
}

type TickLoop = (kernel: Kernel, bars: readonly Bar[], from: number, count: number) => void;

/**
 * A loop computing epoch-millisecond tick times, as a clock does, compiled afresh for each
 * measurement: V8 keeps optimisation state per function, and one loop shared by dozens of
 * kernels in a test file ends up, depending on timing, with tick() not inlined into it, so
 * that it boxes every time it passes (16 bytes a tick, the caller's, not the kernel's).
 */
function freshTickLoop(): TickLoop {
  return new Function(
    'startMs',
    'tickIntervalMs',
    'barPoolSize',
    `'use strict';
return function runTicks(kernel, bars, from, count) {
  for (let tick = from; tick < from + count; tick++) {
    kernel.feeds.bar = bars[tick % barPoolSize];
    kernel.tick(startMs + tick * tickIntervalMs);
  }
};
//# sourceURL=test-allocation/${++tickLoops}`,
  )(startMs, tickIntervalMs, barPoolSize) as TickLoop;
}

let tickLoops = 0;

/**
 * Tick times already boxed. A time like 1.7e12 is no small integer, so computing it in the loop
 * and passing it to tick() would box a fresh number per call: 16 bytes charged to the caller,
 * not the kernel. An array that once held a string keeps generic elements, so each element is
 * a boxed number created here, up front, and reading one allocates nothing.
 */
function boxedTickTimes(count: number): number[] {
  const times: unknown[] = ['generic elements'];
  times.length = 0;
  for (let tick = 0; tick < count; tick++) times.push(startMs + tick * tickIntervalMs);
  return times as number[];
}
