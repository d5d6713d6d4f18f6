// A walk-forward over 40 days of hourly bars: each window's params are its in-sample sweep's
// best; each out-of-sample run equals a backtest with those params and the same warm-up; the
// stitched curve compounds the windows; threads give the same result.
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { metricsForWire } from '../backtest-jobs';
import { runBacktest } from '../runner';
import { examplePatch } from '../testing';
import { threadExecutor } from './executors';
import { patchWithParams } from './patch-with-params';
import { runSweep } from './sweep';
import { planSweep } from './sweep-spec';
import { sharedColumns, sliceColumns } from './sweep-task';
import { dayMs, hourlyBars } from './testing';
import { runWalkForward, stitch } from './walk-forward';

const patch = examplePatch();
const bars = hourlyBars(40);
const plan = planSweep(patch, createBuiltinRegistry(), {
  params: [
    { module: 'ema-fast', param: 'period', from: 4, to: 12, step: 4 },
    { module: 'ema-slow', param: 'period', from: 20, to: 30, step: 10 },
  ],
  objective: 'sharpe',
});
const options = { patch, plan, inSampleMs: 15 * dayMs, outOfSampleMs: 5 * dayMs };
const threads = threadExecutor(2);
afterAll(() => threads.close());

describe('runWalkForward', () => {
  it('optimises in-sample, tests out-of-sample, stitches the out-of-sample equity', async () => {
    const result = await runWalkForward({ ...options, data: { bars } });
    expect(result.status).toBe('completed');
    expect(result.windows).toHaveLength(5);
    for (const w of result.windows) {
      const sweep = await runSweep({
        patch,
        plan,
        data: { bars },
        barFrom: w.window.inSampleFrom,
        barTo: w.window.inSampleTo,
      });
      expect(w.params).toEqual(sweep.best?.params);
      expect(w.inSampleSharpe).toBe(sweep.best?.result.metrics.sharpe);
      const values = Object.values(w.params);
      const direct = await runBacktest({
        patch: patchWithParams(patch, plan.ranges, values),
        bars: sliceColumns(bars, w.window.inSampleFrom, w.window.outOfSampleTo),
        tradeFromMs: w.window.outOfSampleFromMs,
        runKey: 'sw',
      });
      expect(w.outOfSample.metrics).toEqual(metricsForWire(direct.metrics));
      // measured out-of-sample only
      expect(w.outOfSample.bars.firstTimeMs).toBe(w.window.outOfSampleFromMs);
      expect(w.outOfSample.bars.count).toBe(w.window.outOfSampleTo - w.window.inSampleTo);
    }
    const compounded = result.windows.reduce(
      (scale, w) => (scale * w.outOfSample.account.equity) / 10_000,
      1,
    );
    expect(result.outOfSampleReturn).toBeCloseTo(compounded - 1, 12);
    expect(result.stitched.timeMs[0]).toBe(result.windows[0].window.outOfSampleFromMs);
    expect(result.verdict.meanInSampleSharpe).not.toBeNull();
  });

  it('is the same on two worker threads', async () => {
    const inProcess = await runWalkForward({ ...options, data: { bars } });
    const onThreads = await runWalkForward({
      ...options,
      data: { bars: sharedColumns(bars) },
      executor: threads,
    });
    expect(JSON.stringify(onThreads)).toBe(JSON.stringify(inProcess));
  });

  it('stitches by compounding each window from where the last ended', () => {
    const stitched = stitch(
      [
        { timeMs: [1, 2], equity: [100, 125], finalEquity: 125 },
        { timeMs: [3, 4], equity: [100, 80], finalEquity: 80 },
      ],
      100,
    );
    expect(stitched).toEqual({ timeMs: [1, 2, 3, 4], equity: [100, 125, 125, 100] });
  });
});
