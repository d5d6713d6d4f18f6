// Our kernel against litegraph.js (0.7.18, a devDependency) per node step, in one process: the
// random 10,000-module patch of kernel-random-patch (16 sources, add/multiply/mix) as our patch
// and as an LGraph of equivalent nodes (bench/litegraph-graph.ts). Every node steps every tick
// on both sides. Samples alternate between the two so machine load hits both alike; ours ticks
// with epoch-millisecond times. Both must give the same values, bit for bit, after the same
// number of ticks (a verification pass on fresh graphs), which checks the comparison is fair.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LGraph, LGraphNode } from 'litegraph.js';
import { Kernel } from '../modules/kernel/kernel';
import { createKernelTestRegistry } from '../modules/kernel/test-modules';
import { patchOf, randomShape, sourceCount, startMs, tickIntervalMs } from './kernel-random-patch.bench';
import type { Shape } from './kernel-random-patch.bench';
import { litegraphOf, litegraphValue } from './litegraph-graph';
import { AllocationWindows } from './new-space';
import type { Bench, BenchResult } from './types';

const samples = 15;
/**
 * Node steps per timed sample and for warm-up, per side: litegraph takes 100x longer a step,
 * so it gets fewer. Ticks = steps / nodes.
 */
const kernelStepsPerSample = 1_000_000;
const litegraphStepsPerSample = 40_000;
const kernelWarmupSteps = 15_000_000;
const litegraphWarmupSteps = 600_000;
/** Single-tick stretches for bytes per tick (litegraph allocates enough to scavenge in longer ones). */
const allocationTicks = 41;
const verifyTicks = [1, 2, 7, 25];
/**
 * Graph sizes: the random patch's 10,000 modules, and the first 1,000 of them (litegraph's
 * default limit, LiteGraph.MAX_NUMBER_OF_NODES): litegraph's cost per step grows with the graph
 * (it follows several objects per input), so the smaller graph is the fairer figure for it.
 */
const sizes = [10_000, 1_000] as const;

/** The first `nodes` modules of the random shape (every module reads only earlier ones). */
function shapeOf(nodes: number): Shape {
  const full = randomShape();
  const count = nodes - sourceCount;
  return {
    operations: full.operations.slice(0, count),
    a: full.a.slice(0, count),
    b: full.b.slice(0, count),
  };
}

/**
 * Epoch-millisecond tick times, boxed up front: a loop this short is not optimised, and
 * unoptimised code boxes each number it computes (kernel-random-patch's runKernelTicks says more).
 */
function boxedTimes(count: number): number[] {
  const times: unknown[] = ['generic elements'];
  times.length = 0;
  for (let i = 0; i <= count; i++) times.push(startMs + i * tickIntervalMs);
  return times as number[];
}

class KernelSide {
  readonly kernel: Kernel;
  private ticks = 0;
  private readonly times: number[];

  constructor(shape: Shape, maxTicks: number) {
    this.kernel = new Kernel(patchOf(shape), createKernelTestRegistry(), { tickIntervalMs });
    this.times = boxedTimes(maxTicks + 1);
  }

  run(count: number): void {
    const { kernel, times } = this;
    const first = this.ticks + 1;
    if (first + count > times.length) throw new Error('KernelSide: more ticks than times');
    for (let t = 0; t < count; t++) kernel.tick(times[first + t]);
    this.ticks += count;
  }

  value(i: number): number {
    return this.kernel.read(`m${i}.value`);
  }
}

function runLitegraph(graph: LGraph, count: number): void {
  // As LGraph.start() runs it (catch_errors is on by default): onExecute called directly.
  for (let t = 0; t < count; t++) graph.runStep(1);
}

/** Fresh pairs stepped the same number of ticks must hold the same values, bit for bit. */
function verify(shape: Shape): void {
  const ours = new KernelSide(shape, verifyTicks[verifyTicks.length - 1]);
  const theirs = litegraphOf(shape, sourceCount);
  let done = 0;
  for (const ticks of verifyTicks) {
    ours.run(ticks - done);
    runLitegraph(theirs.graph, ticks - done);
    done = ticks;
    theirs.nodes.forEach((node: LGraphNode, i) => {
      const value = litegraphValue(node);
      if (!Object.is(ours.value(i), value))
        throw new Error(`m${i} after ${ticks} ticks: kernel ${ours.value(i)} != litegraph ${value}`);
    });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

interface ChildResult {
  kernelNsPerStep: number;
  litegraphNsPerStep: number;
  /** Median of per-sample litegraph / kernel ratios: how many times faster ours is. */
  timesFaster: number;
  kernelBytesPerTick: number;
  litegraphBytesPerTick: number;
  nodes: number;
  kernelTicksPerSample: number;
  litegraphTicksPerSample: number;
}

function measureInThisProcess(nodes: number): ChildResult {
  const shape = shapeOf(nodes);
  verify(shape);
  const kernelTicksPerSample = Math.ceil(kernelStepsPerSample / nodes);
  const litegraphTicksPerSample = Math.ceil(litegraphStepsPerSample / nodes);
  const kernelWarmupTicks = Math.ceil(kernelWarmupSteps / nodes);
  const ours = new KernelSide(shape, kernelWarmupTicks + samples * kernelTicksPerSample + allocationTicks);
  const theirs = litegraphOf(shape, sourceCount);
  ours.run(kernelWarmupTicks);
  runLitegraph(theirs.graph, Math.ceil(litegraphWarmupSteps / nodes));
  const kernelNs: number[] = [];
  const litegraphNs: number[] = [];
  const ratios: number[] = [];
  for (let s = 0; s < samples; s++) {
    const stepsBefore = ours.kernel.stats.moduleSteps;
    let start = process.hrtime.bigint();
    ours.run(kernelTicksPerSample);
    kernelNs.push(Number(process.hrtime.bigint() - start) / (ours.kernel.stats.moduleSteps - stepsBefore));
    start = process.hrtime.bigint();
    runLitegraph(theirs.graph, litegraphTicksPerSample);
    litegraphNs.push(Number(process.hrtime.bigint() - start) / (litegraphTicksPerSample * nodes));
    ratios.push(litegraphNs[s] / kernelNs[s]);
  }
  const kernelAllocation = new AllocationWindows();
  const litegraphAllocation = new AllocationWindows();
  for (let t = 0; t < allocationTicks; t++) {
    kernelAllocation.begin();
    ours.run(1);
    kernelAllocation.end(1);
    litegraphAllocation.begin();
    runLitegraph(theirs.graph, 1);
    litegraphAllocation.end(1);
  }
  return {
    kernelNsPerStep: median(kernelNs),
    litegraphNsPerStep: median(litegraphNs),
    timesFaster: median(ratios),
    kernelBytesPerTick: kernelAllocation.median(),
    litegraphBytesPerTick: litegraphAllocation.median(),
    nodes,
    kernelTicksPerSample,
    litegraphTicksPerSample,
  };
}

/** A fresh process, as kernel-random-patch does: other benches' heap and JIT feedback skew it. */
function measureInChild(nodes: number): ChildResult {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(nodes)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
  if (child.status !== 0 || !line)
    throw new Error(`litegraph-side-by-side child failed: ${child.stderr || child.stdout}`);
  return JSON.parse(line) as ChildResult;
}

const bench: Bench = {
  name: 'litegraph-side-by-side',
  async run(): Promise<BenchResult[]> {
    return sizes.flatMap((nodes) => resultsOf(measureInChild(nodes)));
  },
};

function resultsOf(m: ChildResult): BenchResult[] {
  const size = m.nodes.toLocaleString('en');
  const shapeNote =
    `${size} nodes (${sourceCount} sources, add/multiply/mix), every node steps every tick; ` +
    `median of ${samples} alternating samples (${m.kernelTicksPerSample} kernel ticks, ${m.litegraphTicksPerSample} ` +
    `litegraph runStep calls) after warm-up, in one fresh process; values checked bit-identical after ` +
    `${verifyTicks.join(', ')} ticks; ours ${m.timesFaster.toFixed(0)}x faster`;
  return [
    {
      name: `kernel ns per node step against litegraph.js 0.7.18, ${size} nodes`,
      value: m.kernelNsPerStep,
      unit: 'ns/step',
      baselineName: 'litegraph.js LGraph.runStep',
      baselineValue: m.litegraphNsPerStep,
      ratio: 1 / m.timesFaster,
      goal: `<= 0.2x (ours >= 5x faster): ${m.timesFaster >= 5 ? 'PASS' : 'FAIL'}`,
      notes: shapeNote,
    },
    {
      name: `bytes allocated per tick, ${size} nodes: kernel against litegraph.js`,
      value: m.kernelBytesPerTick,
      unit: 'B/tick',
      baselineName: 'litegraph.js LGraph.runStep',
      baselineValue: m.litegraphBytesPerTick,
      ratio: m.litegraphBytesPerTick > 0 ? m.kernelBytesPerTick / m.litegraphBytesPerTick : Number.NaN,
      goal: `kernel 0 in the steady state: ${m.kernelBytesPerTick < 1 ? 'PASS' : 'FAIL'}`,
      notes:
        `growth of V8's new space over ${allocationTicks} single-tick stretches per side after the timed ` +
        'samples, median of those without a scavenge, less what reading the heap allocates',
    },
  ];
}

export default bench;

const nodesArgument = Number(process.argv[2]);
if (process.argv[1] === fileURLToPath(import.meta.url) && sizes.some((size) => size === nodesArgument)) {
  process.stdout.write(`${JSON.stringify(measureInThisProcess(nodesArgument))}\n`);
}
