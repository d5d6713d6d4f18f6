// The reference patch (EMA 12/26 cross, RSI 14 filter, ATR 14: the demo patch plus an ATR)
// over 1,000,000 synthetic 1-minute bars, through the Kernel, against a hand-written loop over
// typed arrays computing the same outputs with the same arithmetic. Both sides read the bars
// from the same columns; the kernel gets them through its bar feed. Kernel and loop run in
// alternating chunks so machine load hits both alike, and must agree bit for bit: on every bar
// of a verification pass, and on the final values of the timed pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kernel } from '../modules/kernel/kernel';
import type { KernelOptions } from '../modules/kernel/types';
import { createBuiltinRegistry } from '../modules/library/index';
import { parsePatchJson } from '../modules/patch/schema';
import type { Patch } from '../modules/patch/types';
import type { Bar } from '../modules/sdk/ports';
import { Run } from '../server/engine/run';
import { AllocationWindows } from './new-space';
import type { Bench, BenchResult } from './types';
import { seededRandom } from '../modules/sdk/seeded-random';

const barCount = 1_000_000;
const chunkBars = 50_000;
const warmupBars = 50_000;
const verifyBars = 20_000;
const barIntervalMs = 60_000;
/**
 * 2024-01-01T00:00:00Z. Real bar times are epoch milliseconds, far above V8's small-integer
 * range: a bench starting at 0 missed a tick that turned the time into a string (issue 9).
 */
const startMs = 1_704_067_200_000;
const seed = 20_220_101;

/** The outputs both sides compute, in this order. */
const outputKeys = [
  'ema-fast.out',
  'ema-slow.out',
  'rsi.out',
  'atr.out',
  'cross-up.out',
  'cross-down.out',
  'not-overbought.out',
  'not-oversold.out',
  'long.out',
  'short.out',
] as const;

interface BarColumns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** A seeded multiplicative random walk with plausible 1-minute BTC ranges. */
export function syntheticBars(count: number): BarColumns {
  const next = seededRandom(seed);
  const columns: BarColumns = {
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
  let price = 40_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open * (1 + (next() - 0.5) * 0.004);
    columns.open[i] = open;
    columns.close[i] = close;
    columns.high[i] = Math.max(open, close) * (1 + next() * 0.001);
    columns.low[i] = Math.min(open, close) * (1 - next() * 0.001);
    columns.volume[i] = 1 + next() * 100;
    price = close;
  }
  return columns;
}

function referencePatch(): Patch {
  const path = fileURLToPath(new URL('../patches/ema-cross-rsi.json', import.meta.url));
  const parsed = parsePatchJson(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`patches/ema-cross-rsi.json: ${parsed.problems[0].message}`);
  const patch = parsed.patch;
  // The example now also trades (orders/bracket -> risk gates -> sinks/broker). The reference
  // patch is its signal part, which the hand loop computes; the order path is left out with its
  // cables (with it, the kernel side did the work of 4 modules the loop does not).
  const signal = patch.modules.filter((module) => !/^(orders|risk|sinks)\//.test(module.type));
  const kept = new Set(signal.map((module) => module.id));
  return {
    ...patch,
    modules: [
      ...signal,
      { id: 'atr', type: 'indicators/atr', params: { period: 14 }, position: { x: 260, y: 780 } },
    ],
    cables: [
      ...patch.cables.filter((cable) => kept.has(cable.from.module) && kept.has(cable.to.module)),
      { from: { module: 'bars', port: 'high' }, to: { module: 'atr', port: 'high' } },
      { from: { module: 'bars', port: 'low' }, to: { module: 'atr', port: 'low' } },
      { from: { module: 'bars', port: 'close' }, to: { module: 'atr', port: 'close' } },
    ],
  };
}

/**
 * The bar the kernel side refills each tick. A class with NaN-initialised fields, so V8 stores
 * them as doubles in place: an object literal of zeros starts them as small integers and, as
 * this bench measured, then boxed every price written to it (48 bytes and a share of GC per
 * bar, charged to the kernel although the engine hands the kernel bars it already has).
 */
class FeedBar implements Bar {
  timeMs = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  volume = Number.NaN;
}

/** The kernel side: one reused bar object filled from the columns, one tick per bar. */
export class KernelSide {
  readonly kernel: Kernel;
  private readonly bar: Bar = new FeedBar();

  constructor(
    private readonly bars: BarColumns,
    options: KernelOptions = {},
  ) {
    this.kernel = new Kernel(referencePatch(), createBuiltinRegistry(), options);
  }

  run(from: number, to: number): void {
    const { kernel, bar, bars } = this;
    for (let i = from; i < to; i++) {
      bar.timeMs = startMs + i * barIntervalMs;
      bar.open = bars.open[i];
      bar.high = bars.high[i];
      bar.low = bars.low[i];
      bar.close = bars.close[i];
      bar.volume = bars.volume[i];
      kernel.feeds.bar = bar;
      kernel.tick(startMs + (i + 1) * barIntervalMs);
    }
  }

  outputs(): number[] {
    return outputKeys.map((key) => this.kernel.read(key));
  }
}

// Hand-written state layout: one Float64Array, named offsets.
const S = {
  fastSeen: 0,
  fastValue: 1,
  slowSeen: 2,
  slowValue: 3,
  rsiHasPrevious: 4,
  rsiPrevious: 5,
  gainSeen: 6,
  gainValue: 7,
  lossSeen: 8,
  lossValue: 9,
  atrHasPreviousClose: 10,
  atrPreviousClose: 11,
  atrSeen: 12,
  atrValue: 13,
  upPreviousA: 14,
  upPreviousB: 15,
  downPreviousA: 16,
  downPreviousB: 17,
  size: 18,
} as const;

const fastPeriod = 12;
const slowPeriod = 26;
const rsiPeriod = 14;
const atrPeriod = 14;
const rsiHigh = 70;
const rsiLow = 30;

/**
 * The baseline: the same outputs as the patch, computed by hand in one loop with TA-Lib's
 * seeding and the library's operation order, so the results are bit-identical.
 */
export class HandSide {
  readonly state = new Float64Array(S.size);
  /** Current outputs, in outputKeys order (bools as 0/1). */
  readonly out = new Float64Array(outputKeys.length).fill(Number.NaN);

  constructor(private readonly bars: BarColumns) {
    this.state[S.upPreviousA] = this.state[S.upPreviousB] = Number.NaN;
    this.state[S.downPreviousA] = this.state[S.downPreviousB] = Number.NaN;
  }

  run(from: number, to: number): void {
    const { high, low, close } = this.bars;
    const s = this.state;
    const out = this.out;
    const fastK = 2 / (fastPeriod + 1);
    const slowK = 2 / (slowPeriod + 1);
    for (let i = from; i < to; i++) {
      const x = close[i];
      // EMA 12 and 26, seeded with the SMA of the first `period` closes.
      let fast = Number.NaN;
      if (s[S.fastSeen] < fastPeriod) {
        s[S.fastValue] += x;
        if (++s[S.fastSeen] === fastPeriod) fast = s[S.fastValue] /= fastPeriod;
      } else fast = s[S.fastValue] = (x - s[S.fastValue]) * fastK + s[S.fastValue];
      let slow = Number.NaN;
      if (s[S.slowSeen] < slowPeriod) {
        s[S.slowValue] += x;
        if (++s[S.slowSeen] === slowPeriod) slow = s[S.slowValue] /= slowPeriod;
      } else slow = s[S.slowValue] = (x - s[S.slowValue]) * slowK + s[S.slowValue];
      // RSI 14: Wilder averages of gains and losses.
      let rsi = Number.NaN;
      if (s[S.rsiHasPrevious] === 0) {
        s[S.rsiPrevious] = x;
        s[S.rsiHasPrevious] = 1;
      } else {
        const change = x - s[S.rsiPrevious];
        s[S.rsiPrevious] = x;
        const gain = wilder(s, S.gainSeen, S.gainValue, rsiPeriod, change < 0 ? 0 : change);
        const loss = wilder(s, S.lossSeen, S.lossValue, rsiPeriod, change < 0 ? -change : 0);
        const total = gain + loss;
        rsi = Number.isNaN(total) ? Number.NaN : total > 0 ? 100 * (gain / total) : 0;
      }
      // ATR 14: Wilder average of the true range from the second bar on.
      const h = high[i];
      const l = low[i];
      let range = h - l;
      const upGap = Math.abs(h - s[S.atrPreviousClose]);
      if (upGap > range) range = upGap;
      const downGap = Math.abs(l - s[S.atrPreviousClose]);
      if (downGap > range) range = downGap;
      const hadPreviousClose = s[S.atrHasPreviousClose] === 1;
      s[S.atrPreviousClose] = x;
      s[S.atrHasPreviousClose] = 1;
      const atr = hadPreviousClose ? wilder(s, S.atrSeen, S.atrValue, atrPeriod, range) : Number.NaN;
      // Crosses: NaN on either side is false and forgets the previous pair.
      let up = false;
      let down = false;
      if (Number.isNaN(fast) || Number.isNaN(slow)) {
        s[S.upPreviousA] = s[S.upPreviousB] = s[S.downPreviousA] = s[S.downPreviousB] = Number.NaN;
      } else {
        up = fast > slow && s[S.upPreviousA] <= s[S.upPreviousB];
        down = fast < slow && s[S.downPreviousA] >= s[S.downPreviousB];
        s[S.upPreviousA] = s[S.downPreviousA] = fast;
        s[S.upPreviousB] = s[S.downPreviousB] = slow;
      }
      const notOverbought = rsi < rsiHigh;
      const notOversold = rsi > rsiLow;
      out[0] = fast;
      out[1] = slow;
      out[2] = rsi;
      out[3] = atr;
      out[4] = up ? 1 : 0;
      out[5] = down ? 1 : 0;
      out[6] = notOverbought ? 1 : 0;
      out[7] = notOversold ? 1 : 0;
      out[8] = up && notOverbought ? 1 : 0;
      out[9] = down && notOversold ? 1 : 0;
    }
  }
}

/** Wilder's average as TA-Lib seeds it (mean of the first `period` samples); NaN while seeding. */
function wilder(s: Float64Array, seenAt: number, valueAt: number, period: number, x: number): number {
  if (s[seenAt] < period) {
    s[valueAt] += x;
    if (++s[seenAt] < period) return Number.NaN;
    return (s[valueAt] /= period);
  }
  s[valueAt] *= period - 1;
  s[valueAt] += x;
  return (s[valueAt] /= period);
}

function assertSame(kernel: readonly number[], hand: ArrayLike<number>, where: string): void {
  outputKeys.forEach((key, k) => {
    if (!Object.is(kernel[k], hand[k]))
      throw new Error(`${key} at ${where}: kernel ${kernel[k]} != hand loop ${hand[k]}`);
  });
}

/** Every bar of a fresh pair, compared output by output. */
function verify(bars: BarColumns): void {
  const kernelSide = new KernelSide(bars);
  const handSide = new HandSide(bars);
  for (let i = 0; i < verifyBars; i++) {
    kernelSide.run(i, i + 1);
    handSide.run(i, i + 1);
    assertSame(kernelSide.outputs(), handSide.out, `bar ${i}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

interface ChildResult {
  kernelNsPerBar: number;
  handNsPerBar: number;
  ratio: number;
  /** The kernel without per-plan code for small batches (fuseSmallBatches: false). */
  unfusedNsPerBar: number;
  unfusedRatio: number;
  runNsPerBar: number;
  /** Bytes allocated per bar by the kernel side (feeding the bar and the tick), median of chunks. */
  kernelBytesPerBar: number;
  allocationWindows: number;
}

async function measureInThisProcess(): Promise<ChildResult> {
  const bars = syntheticBars(barCount + warmupBars);
  verify(bars);
  const kernelSide = new KernelSide(bars);
  const unfusedSide = new KernelSide(bars, { fuseSmallBatches: false });
  const handSide = new HandSide(bars);
  kernelSide.run(0, warmupBars);
  unfusedSide.run(0, warmupBars);
  handSide.run(0, warmupBars);
  const ratios: number[] = [];
  const unfusedRatios: number[] = [];
  let kernelNs = 0;
  let unfusedNs = 0;
  let handNs = 0;
  const allocation = new AllocationWindows();
  const timed = (run: () => void): number => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start);
  };
  for (let from = warmupBars; from < warmupBars + barCount; from += chunkBars) {
    const to = from + chunkBars;
    allocation.begin();
    const kernelChunkNs = timed(() => kernelSide.run(from, to));
    allocation.end(chunkBars);
    const handChunkNs = timed(() => handSide.run(from, to));
    const unfusedChunkNs = timed(() => unfusedSide.run(from, to));
    kernelNs += kernelChunkNs;
    unfusedNs += unfusedChunkNs;
    handNs += handChunkNs;
    ratios.push(kernelChunkNs / handChunkNs);
    unfusedRatios.push(unfusedChunkNs / handChunkNs);
  }
  assertSame(kernelSide.outputs(), handSide.out, 'the end of the timed pass');
  assertSame(unfusedSide.outputs(), handSide.out, 'the end of the timed pass (unfused kernel)');
  return {
    kernelNsPerBar: kernelNs / barCount,
    handNsPerBar: handNs / barCount,
    ratio: median(ratios),
    unfusedNsPerBar: unfusedNs / barCount,
    unfusedRatio: median(unfusedRatios),
    runNsPerBar: await measureRun(bars),
    kernelBytesPerBar: allocation.median(),
    allocationWindows: allocation.windows,
  };
}

/** The whole engine path (bar replay, virtual clock, events) on the same bars, for context. */
async function measureRun(columns: BarColumns): Promise<number> {
  const bars: Bar[] = [];
  for (let i = 0; i < barCount; i++) {
    bars.push({
      timeMs: startMs + i * barIntervalMs,
      open: columns.open[i],
      high: columns.high[i],
      low: columns.low[i],
      close: columns.close[i],
      volume: columns.volume[i],
    });
  }
  const run = new Run({
    patch: referencePatch(),
    registry: createBuiltinRegistry(),
    bars,
    pacing: { kind: 'virtual' },
  });
  const start = process.hrtime.bigint();
  const status = await run.start();
  if (status.barsDelivered !== barCount) throw new Error(`engine run: ${status.state} ${status.reason}`);
  return Number(process.hrtime.bigint() - start) / barCount;
}

/** A fresh process: JIT feedback and heap layout from other benches would skew the figures. */
function measureInChild(): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'measure'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.split('\n').find((text) => text.startsWith('{'));
  if (child.status !== 0 || !line)
    throw new Error(`reference-patch child failed: ${child.stderr || child.stdout}`);
  return JSON.parse(line) as ChildResult;
}

const bench: Bench = {
  name: 'reference-patch',
  async run(): Promise<BenchResult[]> {
    const measured = measureInChild();
    const notes =
      `${barCount.toLocaleString('en')} seeded random-walk bars, EMA 12/26 cross + RSI 14 filter + ATR 14 ` +
      `(13 modules); median of per-chunk ratios over alternating ${chunkBars.toLocaleString('en')}-bar chunks ` +
      `after ${warmupBars.toLocaleString('en')} warm-up bars; outputs checked bit-identical on every bar of a ` +
      `${verifyBars.toLocaleString('en')}-bar pass and at the end of the timed pass`;
    return [
      {
        name: 'kernel ns per bar, reference patch',
        value: measured.kernelNsPerBar,
        unit: 'ns/bar',
        baselineName: 'hand-written typed-array loop',
        baselineValue: measured.handNsPerBar,
        ratio: measured.ratio,
        goal: '<= 2x',
        notes,
      },
      {
        name: 'kernel bytes allocated per bar, reference patch',
        value: measured.kernelBytesPerBar,
        unit: 'B/bar',
        baselineName: 'goal',
        baselineValue: 0,
        ratio: measured.kernelBytesPerBar,
        goal: `0 in the steady state: ${measured.kernelBytesPerBar < 1 ? 'PASS' : 'FAIL'}`,
        notes:
          `epoch-millisecond times; growth of V8's new space over each timed kernel chunk ` +
          `(${chunkBars.toLocaleString('en')} bars: filling the reused bar and the tick), median of the ` +
          `${measured.allocationWindows} chunks without a scavenge`,
      },
      {
        name: 'kernel ns per bar, without per-plan code for small batches',
        value: measured.unfusedNsPerBar,
        unit: 'ns/bar',
        baselineName: 'hand-written typed-array loop',
        baselineValue: measured.handNsPerBar,
        ratio: measured.unfusedRatio,
        goal: 'informational: the per-type batch runners alone (fuseSmallBatches: false)',
        notes: 'a third side in the same alternation, checked bit-identical too',
      },
      {
        name: 'engine run ns per bar (replay + virtual clock + kernel)',
        value: measured.runNsPerBar,
        unit: 'ns/bar',
        baselineName: 'hand-written typed-array loop',
        baselineValue: measured.handNsPerBar,
        ratio: measured.runNsPerBar / measured.handNsPerBar,
        goal: 'informational: engine overhead over the kernel',
        notes: 'the same bars as Bar objects through Run (virtual pacing, as fast as possible); run once',
      },
    ];
  },
};

export default bench;

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'measure') {
  process.stdout.write(`${JSON.stringify(await measureInThisProcess())}\n`);
}
