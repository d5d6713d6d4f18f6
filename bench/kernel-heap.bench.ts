// Heap growth of the kernel over 1,000,000 ticks of a patch fed with synthetic bars: the heap
// after warm-up against the heap at the end (both after a full GC when --expose-gc is on, as
// bench/run.ts arranges), plus the bytes allocated per tick in a window without forced GCs.
// The tick is meant to allocate nothing, so the heap must stay flat.
import { getHeapSpaceStatistics } from 'node:v8';
import { Kernel } from '../modules/kernel/kernel';
import { createKernelTestRegistry } from '../modules/kernel/test-modules';
import { barAt, patchOf } from '../modules/kernel/test-patches';
import type { Bar } from '../modules/sdk/ports';
import type { Bench, BenchResult } from './types';

const totalTicks = 1_000_000;
const warmupTicks = 100_000;
const quietWindowTicks = 10_000;
const quietWindows = 21;
const startMs = 1_700_000_000_000;
const tickIntervalMs = 100;
const barPoolSize = 1024;

/** Bars, indicators, logic, a feedback loop through a delay, a timer, and taps. */
function heapPatch() {
  return patchOf(
    [
      ['bars', 'sources/bar-feed'],
      ['clock', 'sources/ticker', { periodMs: 1000 }],
      ['range', 'indicators/bar-range'],
      ['half', 'math/mix', { weight: 0.5 }],
      ['sum', 'math/add'],
      ['previous', 'logic/delay', { initial: 0 }],
      ['decay', 'math/multiply'],
      ['factor', 'sources/fixed', { value: 0.999 }],
      ['above', 'logic/greater'],
      ['count', 'logic/count-true'],
      ['acc', 'math/accumulator'],
      ['later', 'logic/timer', { delayMs: 250 }],
      ['mask', 'math/change-mask'],
    ],
    [
      'bars.bar -> range.bar',
      'bars.close -> half.a',
      'range.range -> half.b',
      'previous.value -> decay.a',
      'factor.value -> decay.b',
      'decay.value -> sum.a',
      'half.value -> sum.b',
      'sum.value -> previous.input',
      'bars.close -> above.a',
      'half.value -> above.b',
      'above.value -> count.flag',
      'sum.value -> acc.value',
      'clock.value -> later.value',
      'later.fired -> mask.a',
      'count.count -> mask.b',
    ],
    'heap',
  );
}

/** A fixed pool of bars reused in turn, so the feeder itself allocates nothing. */
function barPool(): Bar[] {
  const bars: Bar[] = [];
  let close = 30_000;
  for (let i = 0; i < barPoolSize; i++) {
    close += Math.sin(i * 0.37) * 40 + Math.cos(i * 0.11) * 15;
    bars.push(barAt(startMs + i * tickIntervalMs, close));
  }
  return bars;
}

function newSpaceUsed(): number {
  return (
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? Number.NaN
  );
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

const bench: Bench = {
  name: 'kernel-heap',
  async run(): Promise<BenchResult[]> {
    const kernel = new Kernel(heapPatch(), createKernelTestRegistry(), { tickIntervalMs });
    for (const key of ['sum.value', 'count.count', 'bars.bar', 'above.value', 'mask.mask'])
      kernel.tap(key, 4096);
    const bars = barPool();
    let tick = 0;
    const runTicks = (count: number) => {
      for (let i = 0; i < count; i++, tick++) {
        kernel.feeds.bar = bars[tick % barPoolSize];
        kernel.tick(startMs + tick * tickIntervalMs);
      }
    };

    runTicks(warmupTicks);
    collect();
    const afterWarmup = process.memoryUsage().heapUsed;

    // Windows without GCs: young objects go to new space, so its growth is what the ticks
    // allocated (old-space sweeping would blur heapUsed). A window whose new space shrank had a
    // scavenge and is left out; the median of the rest, since V8 compiling and deoptimising in
    // the background allocates too, now and then.
    const perTick: number[] = [];
    for (let window = 0; window < quietWindows; window++) {
      const windowStart = newSpaceUsed();
      runTicks(quietWindowTicks);
      const grown = newSpaceUsed() - windowStart;
      if (grown >= 0) perTick.push(grown / quietWindowTicks);
    }
    perTick.sort((a, b) => a - b);
    const bytesPerTick = perTick.length > 0 ? perTick[perTick.length >> 1] : Number.NaN;
    if (process.env.PATCHDESK_BENCH_DEBUG)
      process.stderr.write(`kernel-heap windows: ${perTick.join(' ')}\n`);

    runTicks(totalTicks - warmupTicks - quietWindows * quietWindowTicks);
    collect();
    const atEnd = process.memoryUsage().heapUsed;
    const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
    return [
      {
        name: 'heap used after 1,000,000 ticks',
        value: atEnd / 1024,
        unit: 'KiB',
        baselineName: `after ${warmupTicks} warm-up ticks`,
        baselineValue: afterWarmup / 1024,
        ratio: atEnd / afterWarmup,
        goal: 'flat after warm-up',
        notes:
          `growth ${((atEnd - afterWarmup) / 1024).toFixed(1)} KiB; ` +
          `${bytesPerTick.toFixed(2)} bytes/tick allocated (median of ${perTick.length} GC-free windows of ` +
          `${quietWindowTicks} ticks); ` +
          `${kernel.stats.moduleSteps} module steps, ${kernel.stats.latches} latches, a bar every tick, 5 taps` +
          (gcExposed ? '' : '; gc not exposed: figures include garbage'),
      },
    ];
  },
};

export default bench;
