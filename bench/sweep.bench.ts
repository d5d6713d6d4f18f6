// A sweep of SWEEP_BENCH_RUNS backtests (default 8) of the example patch over SWEEP_BENCH_BARS
// synthetic 1-minute bars (default 5,000), on one worker thread and then on two: wall time
// (epoch ms) of each and the speedup, 1 thread being the baseline measured in the same run.
// 100 x 100,000: SWEEP_BENCH_RUNS=100 SWEEP_BENCH_BARS=100000 npm run bench -- sweep
import { createBuiltinRegistry } from '../modules/library/index';
import { examplePatch } from '../server/backtest/testing';
import { threadExecutor } from '../server/backtest/sweep/executors';
import { runSweep } from '../server/backtest/sweep/sweep';
import { planSweep } from '../server/backtest/sweep/sweep-spec';
import { sharedColumns } from '../server/backtest/sweep/sweep-task';
import { syntheticBars } from './reference-patch.bench';
import type { Bench, BenchResult } from './types';

const runs = Number(process.env.SWEEP_BENCH_RUNS ?? 8);
const barCount = Number(process.env.SWEEP_BENCH_BARS ?? 5_000);

async function wallMs(threads: number): Promise<number> {
  const raw = syntheticBars(barCount);
  const timeMs = new Float64Array(barCount);
  for (let i = 0; i < barCount; i++) timeMs[i] = Date.UTC(2024, 0, 1) + i * 60_000;
  const bars = sharedColumns({ length: barCount, timeMs, ...raw });
  const patch = examplePatch();
  const plan = planSweep(patch, createBuiltinRegistry(), {
    params: [{ module: 'ema-slow', param: 'period', from: 20, to: 20 + runs - 1, step: 1 }],
    objective: 'sharpe',
  });
  const executor = threadExecutor(threads);
  const startedAtMs = Date.now();
  try {
    const result = await runSweep({ patch, plan, data: { bars }, executor });
    if (result.runs.length !== runs) throw new Error(`ran ${result.runs.length} of ${runs}`);
  } finally {
    await executor.close();
  }
  return Date.now() - startedAtMs;
}

const bench: Bench = {
  name: 'sweep',
  async run(): Promise<BenchResult[]> {
    const one = await wallMs(1);
    const two = await wallMs(2);
    return [
      {
        name: `sweep of ${runs} backtests x ${barCount} bars, 2 threads`,
        value: two,
        unit: 'ms wall',
        baselineName: '1 thread',
        baselineValue: one,
        ratio: two / one,
        goal: '<= 0.6 (speedup >= 1.7x)',
        notes: `speedup ${(one / two).toFixed(2)}x; bytes per tick are in the backtest bench (same runner)`,
      },
    ];
  },
};
export default bench;
