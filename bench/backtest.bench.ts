// A backtest of the reference patch (EMA 12/26 cross + RSI filter + ATR, bracket entries with a
// stop and a target, taker fee, funding every 8 hours, equity every bar) over synthetic 1-minute
// bars, against the same patch in a Run without the trading side (the kernel alone, under the
// same virtual clock). Reports bars/s of both, the ratio, and bytes allocated per bar of the
// backtest (new-space growth over stretches of bars without a scavenge).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePatchJson } from '../modules/patch/schema';
import type { Patch } from '../modules/patch/types';
import { runBacktest } from '../server/backtest/runner';
import { Run } from '../server/engine/run';
import { createBuiltinRegistry } from '../modules/library/index';
import type { BarColumns } from '../server/market/bar-columns';
import { AllocationWindows } from './new-space';
import { syntheticBars } from './reference-patch.bench';
import type { Bench, BenchResult } from './types';

const barCount = Number(process.env.BACKTEST_BENCH_BARS ?? 500_000);
const startMs = 1_704_067_200_000;
const minuteMs = 60_000;
const fundingEveryMs = 8 * 3_600_000;
const bytesWindowBars = 2_000;

/** The demo patch plus an ATR 14, as the reference-patch bench builds it. */
function referencePatch(): Patch {
  const parsed = parsePatchJson(
    readFileSync(fileURLToPath(new URL('../patches/ema-cross-rsi.json', import.meta.url)), 'utf8'),
  );
  if (!parsed.ok) throw new Error('patches/ema-cross-rsi.json does not parse');
  const patch = parsed.patch;
  return {
    ...patch,
    modules: [
      ...patch.modules,
      { id: 'atr', type: 'indicators/atr', params: { period: 14 }, position: { x: 0, y: 0 } },
    ],
    cables: [
      ...patch.cables,
      { from: { module: 'bars', port: 'high' }, to: { module: 'atr', port: 'high' } },
      { from: { module: 'bars', port: 'low' }, to: { module: 'atr', port: 'low' } },
      { from: { module: 'bars', port: 'close' }, to: { module: 'atr', port: 'close' } },
    ],
  };
}

function columns(count: number): BarColumns {
  const raw = syntheticBars(count);
  const timeMs = new Float64Array(count);
  for (let i = 0; i < count; i++) timeMs[i] = startMs + i * minuteMs;
  return { length: count, timeMs, ...raw };
}

function fundingSeries(count: number) {
  const points: { timeMs: number; rate: number }[] = [];
  for (let t = startMs + fundingEveryMs; t < startMs + count * minuteMs; t += fundingEveryMs) {
    points.push({ timeMs: t, rate: points.length % 3 === 0 ? -0.0001 : 0.0001 });
  }
  return points;
}

async function backtestOnce(bars: BarColumns, measureBytes: AllocationWindows | null) {
  let seen = 0;
  const startedAt = performance.now();
  const result = await runBacktest({
    patch: referencePatch(),
    bars,
    funding: fundingSeries(bars.length),
    model: { takerFee: 0.0005, slippageBps: 0 },
    onBar: measureBytes
      ? () => {
          if (++seen % bytesWindowBars !== 0) return;
          measureBytes.end(bytesWindowBars);
          measureBytes.begin();
        }
      : undefined,
  });
  return { ms: performance.now() - startedAt, result };
}

async function kernelOnce(bars: BarColumns, measureBytes: AllocationWindows | null = null): Promise<number> {
  const run = new Run({
    patch: referencePatch(),
    registry: createBuiltinRegistry(),
    bars,
    pacing: { kind: 'virtual' },
  });
  if (measureBytes) {
    let seen = 0;
    run.events.on('tick', (_timeMs, bar) => {
      if (bar === null || ++seen % bytesWindowBars !== 0) return;
      measureBytes.end(bytesWindowBars);
      measureBytes.begin();
    });
  }
  const startedAt = performance.now();
  await run.start();
  return performance.now() - startedAt;
}

const bench: Bench = {
  name: 'backtest',
  async run(): Promise<BenchResult[]> {
    const bars = columns(barCount);
    // Warm-up on a slice, then alternate the two sides so machine load hits both alike.
    const warm: BarColumns = columns(50_000);
    await backtestOnce(warm, null);
    await kernelOnce(warm);
    const backtestMs: number[] = [];
    const kernelMs: number[] = [];
    let last = null as Awaited<ReturnType<typeof backtestOnce>>['result'] | null;
    for (let round = 0; round < 2; round++) {
      const bt = await backtestOnce(bars, null);
      backtestMs.push(bt.ms);
      last = bt.result;
      kernelMs.push(await kernelOnce(bars));
    }
    const windows = new AllocationWindows();
    windows.begin();
    await backtestOnce(columns(100_000), windows);
    const kernelWindows = new AllocationWindows();
    kernelWindows.begin();
    await kernelOnce(columns(100_000), kernelWindows);
    const best = (values: number[]) => Math.min(...values);
    const backtestRate = barCount / (best(backtestMs) / 1_000);
    const kernelRate = barCount / (best(kernelMs) / 1_000);
    const fills = last?.counts.fills ?? 0;
    return [
      {
        name: `backtest: reference patch over ${barCount.toLocaleString('en')} 1-minute bars (bars/s)`,
        value: Math.round(backtestRate),
        unit: 'bars/s',
        baselineName: 'the same patch in a Run without trading (kernel alone)',
        baselineValue: Math.round(kernelRate),
        ratio: backtestRate / kernelRate,
        goal: 'issue 12: >= 5,000,000 bars/s; backtrader ~15,000, Jesse ~20,000 for scale',
        notes:
          `${fills} fills, ${last?.counts.trades ?? 0} trades, ${last?.counts.fundingEvents ?? 0} funding payments; ` +
          `x${(backtestRate / 15_000).toFixed(1)} backtrader, x${(backtestRate / 20_000).toFixed(1)} Jesse`,
      },
      {
        name: 'backtest: bytes allocated per bar',
        value: Math.round(windows.median()),
        unit: 'bytes/bar',
        baselineName: 'the same patch in a Run without trading (bytes/bar)',
        baselineValue: Math.round(kernelWindows.median()),
        ratio: windows.median() / kernelWindows.median(),
        goal: 'small and flat',
        notes: `median over ${windows.windows} stretches of ${bytesWindowBars} bars without a scavenge`,
      },
    ];
  },
};

export default bench;
