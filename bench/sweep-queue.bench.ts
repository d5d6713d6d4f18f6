// A sweep of SWEEP_QUEUE_BENCH_RUNS backtests (default 8) of the example patch over
// SWEEP_QUEUE_BENCH_BARS synthetic 1-minute bars (default 5,000): in this process (one thread,
// the baseline) and then through BullMQ on REDIS_URL (default redis://127.0.0.1:6379) with two
// `patchdesk worker` processes of one thread each; wall time (epoch ms) of each, the results
// checked equal. Worker start-up is not timed; the data blob upload is.
// 100 x 100,000: SWEEP_QUEUE_BENCH_RUNS=100 SWEEP_QUEUE_BENCH_BARS=100000 npm run bench -- sweep-queue
import { createBuiltinRegistry } from '../modules/library/index';
import { examplePatch } from '../server/backtest/testing';
import { bullmqSweepExecutor } from '../server/backtest/sweep/bullmq-sweep-queue';
import {
  redisAnswers,
  removeQueue,
  startWorkerProcess,
  stopWorkerProcess,
} from '../server/backtest/sweep/bullmq-testing';
import { runSweep, type SweepOptions, type SweepResult } from '../server/backtest/sweep/sweep';
import { planSweep } from '../server/backtest/sweep/sweep-spec';
import { syntheticBars } from './reference-patch.bench';
import type { Bench, BenchResult } from './types';

const runs = Number(process.env.SWEEP_QUEUE_BENCH_RUNS ?? 8);
const barCount = Number(process.env.SWEEP_QUEUE_BENCH_BARS ?? 5_000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function sweepOptions(): SweepOptions {
  const raw = syntheticBars(barCount);
  const timeMs = new Float64Array(barCount);
  for (let i = 0; i < barCount; i++) timeMs[i] = Date.UTC(2024, 0, 1) + i * 60_000;
  const patch = examplePatch();
  const plan = planSweep(patch, createBuiltinRegistry(), {
    params: [{ module: 'ema-slow', param: 'period', from: 20, to: 20 + runs - 1, step: 1 }],
    objective: 'sharpe',
  });
  return { patch, plan, data: { bars: { length: barCount, timeMs, ...raw } } };
}

async function timed(run: () => Promise<SweepResult>): Promise<{ ms: number; result: SweepResult }> {
  const startedAtMs = Date.now();
  const result = await run();
  if (result.runs.length !== runs) throw new Error(`ran ${result.runs.length} of ${runs}`);
  return { ms: Date.now() - startedAtMs, result };
}

async function queuedSweep(options: SweepOptions) {
  if (!(await redisAnswers(redisUrl))) throw new Error(`the sweep-queue bench needs Redis at ${redisUrl}`);
  const queue = `sweep-bench-${process.pid}-${Date.now()}`;
  const workers = ['bench-1', 'bench-2'].map((id) => startWorkerProcess({ id, queue, redisUrl }));
  try {
    await Promise.all(workers.map((w) => w.waitFor((line) => line.msg === 'sweep worker ready')));
    const executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: 4 });
    try {
      return await timed(() => runSweep({ ...options, executor }));
    } finally {
      await executor.close();
    }
  } finally {
    await Promise.all(workers.map(stopWorkerProcess));
    await removeQueue(redisUrl, queue);
  }
}

const bench: Bench = {
  name: 'sweep-queue',
  async run(): Promise<BenchResult[]> {
    const options = sweepOptions();
    const local = await timed(() => runSweep(options));
    const queued = await queuedSweep(options);
    const same = JSON.stringify(queued.result) === JSON.stringify(local.result);
    if (!same) throw new Error('the queued sweep differs from the in-process one');
    return [
      {
        name: `sweep of ${runs} backtests x ${barCount} bars, BullMQ + 2 worker processes`,
        value: queued.ms,
        unit: 'ms wall',
        baselineName: 'in-process, 1 thread',
        baselineValue: local.ms,
        ratio: queued.ms / local.ms,
        goal: '<= 0.6 on 2 free cores (speedup >= 1.7x); queue overhead small against the backtests',
        notes: `speedup ${(local.ms / queued.ms).toFixed(2)}x; results equal to in-process`,
      },
    ];
  },
};
export default bench;
