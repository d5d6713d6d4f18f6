// Kernel cost per module step on a 10,000-module random acyclic patch of simple math modules,
// against a hand-written loop over 10,000 plain objects doing the same arithmetic in the same
// order. Every module steps every tick (the sources wake every tick), so ns/step is total
// time / steps. Both sides must end with identical values, which checks the comparison is fair.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../modules/kernel/kernel';
import { add, createKernelTestRegistry, mix, multiply, ticker } from '../modules/kernel/test-modules';
import { patchSchemaVersion } from '../modules/patch/types';
import type { Cable, Patch, PatchModule } from '../modules/patch/types';
import { AllocationWindows } from './new-space';
import type { Bench, BenchResult } from './types';
import { seededRandom } from '../modules/sdk/seeded-random';

export const moduleCount = 10_000;
export const sourceCount = 16;
const ticksPerSample = 100;
const warmupTicks = 1500;
const samples = 15;
const seed = 20_240_601;
export const tickIntervalMs = 100;
/** 2024-01-01T00:00:00Z: real tick times are epoch milliseconds, above V8's small integers. */
export const startMs = 1_704_067_200_000;

const operations = [add, multiply, mix] as const;
type Operation = 0 | 1 | 2;

export interface Shape {
  operations: Operation[];
  /** Upstream module index of inputs a and b, for each math module (index >= sourceCount). */
  a: number[];
  b: number[];
}

export function randomShape(): Shape {
  const next = seededRandom(seed);
  const shape: Shape = { operations: [], a: [], b: [] };
  for (let i = sourceCount; i < moduleCount; i++) {
    shape.operations.push(Math.floor(next() * 3) as Operation);
    // Mostly recent upstreams (deep chains), some anywhere (wide fan-in), as real patches mix.
    const pick = () => (next() < 0.5 ? i - 1 - Math.floor(next() * Math.min(i, 32)) : Math.floor(next() * i));
    shape.a.push(pick());
    shape.b.push(pick());
  }
  return shape;
}

export function patchOf(shape: Shape): Patch {
  const modules: PatchModule[] = [];
  const cables: Cable[] = [];
  for (let i = 0; i < sourceCount; i++) {
    modules.push({
      id: `m${i}`,
      type: ticker.type,
      params: { periodMs: tickIntervalMs },
      position: { x: 0, y: i },
    });
  }
  shape.operations.forEach((operation, k) => {
    const i = k + sourceCount;
    modules.push({ id: `m${i}`, type: operations[operation].type, params: {}, position: { x: 1, y: i } });
    cables.push({ from: { module: `m${shape.a[k]}`, port: 'value' }, to: { module: `m${i}`, port: 'a' } });
    cables.push({ from: { module: `m${shape.b[k]}`, port: 'value' }, to: { module: `m${i}`, port: 'b' } });
  });
  // Reverse so the patch order is not already a topological order.
  return {
    schemaVersion: patchSchemaVersion,
    name: 'bench',
    description: '',
    modules: modules.reverse(),
    cables,
  };
}

/** The baseline: what someone would write by hand for this graph. */
interface PlainNode {
  operation: number;
  a: PlainNode | null;
  b: PlainNode | null;
  weight: number;
  count: number;
  value: number;
}

function plainNodes(shape: Shape): PlainNode[] {
  const nodes: PlainNode[] = [];
  for (let i = 0; i < sourceCount; i++)
    nodes.push({ operation: -1, a: null, b: null, weight: 0, count: 0, value: 0 });
  shape.operations.forEach((operation, k) => {
    nodes.push({ operation, a: nodes[shape.a[k]], b: nodes[shape.b[k]], weight: 0.5, count: 0, value: 0 });
  });
  return nodes;
}

function plainTick(nodes: PlainNode[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    switch (node.operation) {
      case -1:
        node.value = ++node.count;
        break;
      case 0:
        node.value = node.a!.value + node.b!.value;
        break;
      case 1:
        node.value = node.a!.value * node.b!.value;
        break;
      default:
        node.value = (node.a!.value + node.b!.value) * node.weight;
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Measured {
  kernelNsPerStep: number;
  plainNsPerStep: number;
  /** Median of the per-sample ratios: kernel and loop samples alternate, so load hits both. */
  ratio: number;
  /** Median bytes allocated per tick over the kernel samples without a scavenge. */
  bytesPerTick: number;
  kernel: Kernel;
  nodes: PlainNode[];
}

/**
 * `count` ticks after `timeMs`; returns the last tick's time. The times are taken from an
 * array of numbers boxed up front: this loop runs 100 ticks of 10,000 modules at a time, too
 * few iterations for V8 to optimise it, and unoptimised code boxes every number it computes
 * (16 bytes a tick charged to the caller; the reference-patch bench, whose loop is hot, shows
 * that an optimised caller passes the time unboxed).
 */
function runKernelTicks(kernel: Kernel, timeMs: number, count: number): number {
  const first = Math.round((timeMs - startMs) / tickIntervalMs) + 1;
  for (let t = 0; t < count; t++) kernel.tick(boxedTimes[first + t]);
  return timeMs + count * tickIntervalMs;
}

/** Epoch-millisecond tick times startMs + i * tickIntervalMs, boxed (see runKernelTicks). */
const boxedTimes: number[] = (() => {
  const times: unknown[] = ['generic elements'];
  times.length = 0;
  for (let i = 0; i <= warmupTicks + samples * ticksPerSample + 1; i++)
    times.push(startMs + i * tickIntervalMs);
  return times as number[];
})();

/** Alternate kernel and plain-loop samples so a busy machine slows both alike. */
function measure(shape: Shape, runners: 'specialised' | 'generic'): Measured {
  const kernel = new Kernel(patchOf(shape), createKernelTestRegistry(), { tickIntervalMs, runners });
  const nodes = plainNodes(shape);
  let timeMs = startMs;
  for (let t = 0; t < warmupTicks; t++) {
    timeMs = runKernelTicks(kernel, timeMs, 1);
    plainTick(nodes);
  }
  const kernelNs: number[] = [];
  const plainNs: number[] = [];
  const ratios: number[] = [];
  const allocation = new AllocationWindows();
  for (let s = 0; s < samples; s++) {
    const stepsBefore = kernel.stats.moduleSteps;
    let start = process.hrtime.bigint();
    allocation.begin();
    timeMs = runKernelTicks(kernel, timeMs, ticksPerSample);
    allocation.end(ticksPerSample);
    kernelNs.push(Number(process.hrtime.bigint() - start) / (kernel.stats.moduleSteps - stepsBefore));
    start = process.hrtime.bigint();
    for (let t = 0; t < ticksPerSample; t++) plainTick(nodes);
    plainNs.push(Number(process.hrtime.bigint() - start) / (ticksPerSample * nodes.length));
    ratios.push(kernelNs[s] / plainNs[s]);
  }
  return {
    kernelNsPerStep: median(kernelNs),
    plainNsPerStep: median(plainNs),
    ratio: median(ratios),
    bytesPerTick: allocation.median(),
    kernel,
    nodes,
  };
}

/** Same ticks on both sides must give the same values, bit for bit. */
function assertSameValues(kernel: Kernel, nodes: PlainNode[]): void {
  nodes.forEach((node, i) => {
    const value = kernel.read(`m${i}.value`);
    if (!Object.is(value, node.value)) throw new Error(`m${i}: kernel ${value} != plain loop ${node.value}`);
  });
}

interface ChildResult {
  kernelNsPerStep: number;
  plainNsPerStep: number;
  ratio: number;
  bytesPerTick: number;
}

/** Measure one runner mode; run in a child process (see below). */
function measureInThisProcess(runners: 'specialised' | 'generic'): ChildResult {
  const shape = randomShape();
  const measured = measure(shape, runners);
  assertSameValues(measured.kernel, measured.nodes);
  return {
    kernelNsPerStep: measured.kernelNsPerStep,
    plainNsPerStep: measured.plainNsPerStep,
    ratio: measured.ratio,
    bytesPerTick: measured.bytesPerTick,
  };
}

/**
 * Each mode runs in a fresh process: a kernel measured after another one (or after another
 * bench) inherits its garbage, heap layout and JIT feedback, which here moved results by 50%.
 */
function measureInChild(runners: 'specialised' | 'generic'): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), runners], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
  if (child.status !== 0 || !line) {
    throw new Error(`kernel-random-patch child (${runners}) failed: ${child.stderr || child.stdout}`);
  }
  return JSON.parse(line) as ChildResult;
}

const bench: Bench = {
  name: 'kernel-random-patch',
  async run(): Promise<BenchResult[]> {
    const results = (['specialised', 'generic'] as const).map((runners) => {
      const measured = measureInChild(runners);
      const bytes = measured.bytesPerTick;
      const result: BenchResult = {
        name:
          runners === 'specialised'
            ? 'kernel ns per module step'
            : 'kernel ns per module step (generic runners)',
        value: measured.kernelNsPerStep,
        unit: 'ns/step',
        baselineName: 'hand-written loop',
        baselineValue: measured.plainNsPerStep,
        ratio: measured.ratio,
        goal: '<= 2x',
        notes:
          `${moduleCount} modules (${sourceCount} sources, add/multiply/mix), ${2 * (moduleCount - sourceCount)} cables; ` +
          `median of ${samples} alternating kernel/loop samples of ${ticksPerSample} ticks after ${warmupTicks} ` +
          'warm-up ticks, in a fresh process; every module steps every tick' +
          (runners === 'generic' ? '; the fallback where code generation is forbidden (strict CSP)' : '') +
          `; ${bytes.toFixed(2)} bytes allocated per tick (epoch-millisecond times)`,
      };
      return { result, bytes };
    });
    const bytes = results[0].bytes;
    return [
      ...results.map(({ result }) => result),
      {
        name: 'kernel bytes allocated per tick, 10,000-module patch',
        value: bytes,
        unit: 'B/tick',
        baselineName: 'goal',
        baselineValue: 0,
        ratio: bytes,
        goal: `0 in the steady state: ${bytes < 1 ? 'PASS' : 'FAIL'}`,
        notes:
          `specialised runners, epoch-millisecond times (boxed up front: see runKernelTicks); median over ` +
          `the ${samples} timed kernel samples without a scavenge, less what reading the heap allocates`,
      },
    ];
  },
};

export default bench;

const mode = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && (mode === 'specialised' || mode === 'generic')) {
  process.stdout.write(`${JSON.stringify(measureInThisProcess(mode))}\n`);
}
