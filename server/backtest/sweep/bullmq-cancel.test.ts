// Cancelling a queued sweep while a real `patchdesk worker` process runs one of its jobs: the
// running backtest stops early (counted in bars, from the worker's own log line), the job ends
// as cancelled without another try, nothing of it comes back, and the same worker then runs the
// next sweep to the end. Without a Redis it skips (CI=true: fails).
import { Job, Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../testing';
import { bullmqSweepExecutor, type BullmqSweepExecutor } from './bullmq-sweep-queue';
import {
  redisAnswers,
  removeQueue,
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
} from './bullmq-testing';
import { runSweep } from './sweep';
import { defaultSweepPrefix } from './sweep-job';
import { planSweep } from './sweep-spec';
import type { SweepData } from './sweep-task';
import { hourlyBars } from './testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const available = await redisAnswers(redisUrl);
if (!available && process.env.CI === 'true')
  throw new Error(`CI needs Redis at ${redisUrl} for the queued sweep`);
if (!available) console.warn(`skipping the sweep cancel test: no Redis at ${redisUrl}`);

const patch = examplePatch();
const registry = createBuiltinRegistry();
const model = { takerFee: 0.0004, slippageBps: 2 };

describe.skipIf(!available)('cancelling a queued sweep with a job running', () => {
  const queue = `sweep-cancel-test-${process.pid}-${Date.now()}`;
  let worker: WorkerProcess | undefined;
  let executor: BullmqSweepExecutor | undefined;

  beforeAll(async () => {
    // build the CLI once, before the worker process needs it
    const { runCli } = await import('../../cli/testing');
    await runCli(['--help']);
  }, 120_000);
  afterEach(async () => {
    await executor?.close();
    if (worker) await stopWorkerProcess(worker);
  });
  afterAll(async () => {
    await removeQueue(redisUrl, queue);
  });

  it('stops the running backtest early, returns nothing of it, and the worker goes on', async () => {
    worker = startWorkerProcess({ id: 'w1', queue, redisUrl });
    const w1 = worker;
    await w1.waitFor((line) => line.msg === 'sweep worker ready');
    // 20,000 days of hourly bars (480,000): many seconds a backtest, so it is surely still running
    const slow: SweepData = { bars: hourlyBars(20_000) };
    const barsTotal = slow.bars.length;
    expect(barsTotal).toBe(480_000);
    const plan = planSweep(patch, registry, {
      params: [{ module: 'ema-slow', param: 'period', from: 20, to: 30, step: 10 }],
      objective: 'totalReturn',
    });
    executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: 1 });
    const cancel = new AbortController();
    const sweep = runSweep({ patch, plan, data: slow, model, executor, signal: cancel.signal });
    const taken = await w1.waitFor((line) => line.msg === 'job taken');
    // past the worker's check before the run: the cancel has to reach the running backtest
    await w1.waitFor((line) => line.msg === 'job started');
    cancel.abort();
    const cancelled = await sweep;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.runs).toHaveLength(0);

    const stopped = await w1.waitFor((line) => line.msg === 'job cancelled');
    expect(stopped.job).toBe(taken.job);
    expect(stopped.barsTotal).toBe(barsTotal);
    // well before the end: the flag is read four times a second and the run stops at a slice
    expect(stopped.barsDone as number).toBeLessThan(barsTotal / 2);
    expect(w1.lines.filter((line) => line.msg === 'job done')).toHaveLength(0);
    // the second run of the sweep was never sent
    expect(w1.lines.filter((line) => line.msg === 'job taken')).toHaveLength(1);

    const bull = new Queue(queue, { connection: { url: redisUrl }, prefix: defaultSweepPrefix });
    try {
      const job = await Job.fromId(bull, taken.job as string);
      expect(await job?.getState()).toBe('failed');
      expect(job?.failedReason).toBe('sweep cancelled');
      expect(job?.attemptsMade).toBe(1);
      expect(job?.returnvalue ?? null).toBeNull();
    } finally {
      await bull.close();
    }

    // the same worker runs the next sweep to the end, equal to the in-process one
    const small: SweepData = { bars: hourlyBars(20) };
    const next = await runSweep({ patch, plan, data: small, model, executor });
    expect(next.status).toBe('completed');
    expect(next).toEqual(await runSweep({ patch, plan, data: small, model }));
    expect([...executor.runsBy().values()]).toEqual(['w1', 'w1']);
    expect(await stopWorkerProcess(w1)).toBe(0);
    expect(w1.lines.at(-1)).toMatchObject({ msg: 'sweep worker stopped', done: 2, cancelled: 1, failed: 0 });
  }, 180_000);
});
