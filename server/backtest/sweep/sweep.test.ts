// A sweep over the bundled sample: every run equals the same backtest run directly, the same
// whether run in this thread or on two worker threads, and the best run is the objective's best.
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { metricsForWire } from '../backtest-jobs';
import { runBacktest } from '../runner';
import { examplePatch, sampleBars } from '../testing';
import { threadExecutor } from './executors';
import { patchWithParams } from './patch-with-params';
import { runSweep, type SweepProgress } from './sweep';
import { planSweep } from './sweep-spec';
import { sharedColumns } from './sweep-task';

const patch = examplePatch();
const model = { takerFee: 0.0004, slippageBps: 2 };
const plan = planSweep(patch, createBuiltinRegistry(), {
  params: [
    { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
    { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
  ],
  objective: 'totalReturn',
});
const threads = threadExecutor(2);
afterAll(() => threads.close());

describe('runSweep', () => {
  it('runs every combination; each equals its backtest run directly', async () => {
    const progress: SweepProgress[] = [];
    const sweep = await runSweep({
      patch,
      plan,
      data: { bars: sampleBars() },
      model,
      onProgress: (p) => progress.push(p),
    });
    expect(sweep.status).toBe('completed');
    expect(sweep.runs.map((run) => run.params)).toEqual(
      plan.paramSets.map(([fast, slow]) => ({ 'ema-fast.period': fast, 'ema-slow.period': slow })),
    );
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const run of sweep.runs) {
      const direct = await runBacktest({
        patch: patchWithParams(patch, plan.ranges, plan.paramSets[run.index]),
        bars: sampleBars(),
        model,
      });
      expect(run.result.metrics).toEqual(metricsForWire(direct.metrics));
      expect(run.result.account).toEqual(direct.account);
    }
    // runs differ (the params matter) and the best is the highest total return
    expect(new Set(sweep.runs.map((run) => run.result.account.equity)).size).toBeGreaterThan(1);
    const top = Math.max(...sweep.runs.map((run) => run.result.metrics.totalReturn as number));
    expect(sweep.best?.result.metrics.totalReturn).toBe(top);
  });

  it('gives bit-identical results on two worker threads', async () => {
    const inProcess = await runSweep({ patch, plan, data: { bars: sampleBars() }, model });
    const onThreads = await runSweep({
      patch,
      plan,
      data: { bars: sharedColumns(sampleBars()) },
      model,
      executor: threads,
    });
    expect(JSON.stringify(onThreads)).toBe(JSON.stringify(inProcess));
  });

  it('stops when cancelled and says so', async () => {
    const controller = new AbortController();
    const sweep = await runSweep({
      patch,
      plan,
      data: { bars: sampleBars() },
      model,
      signal: controller.signal,
      onProgress: (p) => (p.done === 2 ? controller.abort() : undefined),
    });
    expect(sweep.status).toBe('cancelled');
    expect(sweep.runs).toHaveLength(2);
  });
});
