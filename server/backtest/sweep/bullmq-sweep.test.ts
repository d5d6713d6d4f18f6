// The queued sweep end to end: two real `patchdesk worker` processes on the real Redis (a queue
// of its own per test, removed afterwards) give the very same sweep as in-process, both take
// jobs, a worker killed mid-job (SIGKILL) leaves its job to the other, SIGTERM finishes the job,
// and the bounds hold (a timeout per try, capped tries, no retry without data). Without a Redis it
// skips (CI=true: fails).
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../testing';
import { bullmqSweepExecutor, SweepQueueError, type BullmqSweepExecutor } from './bullmq-sweep-queue';
import {
  redisAnswers,
  removeQueue,
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
} from './bullmq-testing';
import { runSweep } from './sweep';
import { encodeSweepData } from './sweep-data-blob';
import { defaultSweepPrefix, encodeJobTask, sweepDataKey, sweepJobName } from './sweep-job';
import { planSweep } from './sweep-spec';
import type { SweepData } from './sweep-task';
import { dayMs, hourlyBars, startMs } from './testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const available = await redisAnswers(redisUrl);
if (!available && process.env.CI === 'true')
  throw new Error(`CI needs Redis at ${redisUrl} for the queued sweep`);
if (!available) console.warn(`skipping the queued sweep tests: no Redis at ${redisUrl}`);

const patch = examplePatch();
const registry = createBuiltinRegistry();
const model = { takerFee: 0.0004, slippageBps: 2 };
let queueSerial = 0;
const newQueue = () => `sweep-test-${process.pid}-${Date.now()}-${queueSerial++}`;

describe.skipIf(!available)('sweep through BullMQ and `patchdesk worker` processes', () => {
  const workers: WorkerProcess[] = [];
  const queues: string[] = [];
  let executor: BullmqSweepExecutor | undefined;

  const start = async (queue: string, lockMs = 30_000, ids = ['w1', 'w2']) => {
    const pair = ids.map((id) => startWorkerProcess({ id, queue, redisUrl, lockMs }));
    workers.push(...pair);
    await Promise.all(pair.map((w) => w.waitFor((line) => line.msg === 'sweep worker ready')));
    return pair;
  };

  beforeAll(async () => {
    // build the CLI once, so two workers starting together do not both build it
    const { runCli } = await import('../../cli/testing');
    await runCli(['--help']);
  }, 120_000);
  afterEach(async () => {
    await executor?.close();
    executor = undefined;
    await Promise.all(workers.splice(0).map(stopWorkerProcess));
  });
  afterAll(async () => {
    for (const queue of queues) await removeQueue(redisUrl, queue);
  });

  it('gives bit for bit the in-process sweep, with both workers taking jobs', async () => {
    const queue = newQueue();
    queues.push(queue);
    const [w1, w2] = await start(queue);
    const bars = hourlyBars(125);
    const data: SweepData = {
      bars,
      funding: Array.from({ length: 125 * 3 }, (_, i) => ({
        timeMs: startMs + (i * dayMs) / 3,
        rate: 0.0001,
      })),
    };
    const plan = planSweep(patch, registry, {
      params: [
        { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
        { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
      ],
      objective: 'sharpe',
    });
    executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: 6 });
    const queued = await runSweep({ patch, plan, data, model, executor });
    const inProcess = await runSweep({ patch, plan, data, model });
    expect(queued.status).toBe('completed');
    expect(queued.runs).toHaveLength(6);
    expect(queued).toEqual(inProcess);
    expect(JSON.stringify(queued)).toBe(JSON.stringify(inProcess));
    expect(new Set(queued.runs.map((run) => run.result.account.equity)).size).toBeGreaterThan(1);
    const by = [...executor.runsBy().values()];
    expect(by.filter((id) => id === 'w1').length).toBeGreaterThan(0);
    expect(by.filter((id) => id === 'w2').length).toBeGreaterThan(0);
    // the workers' own logs agree, and they stop cleanly on SIGTERM
    const done = (w: WorkerProcess) => w.lines.filter((line) => line.msg === 'job done').length;
    expect(done(w1) + done(w2)).toBe(6);
    expect(await stopWorkerProcess(w1)).toBe(0);
    expect(w1.lines.at(-1)?.msg).toBe('sweep worker stopped');
  }, 120_000);

  it('finishes through the other worker when one is killed mid-job', async () => {
    const queue = newQueue();
    queues.push(queue);
    const [w1] = await start(queue, 1_000);
    // runs of about a second each, so w1 is still inside its first when it is killed
    const data: SweepData = { bars: hourlyBars(2_500) };
    const plan = planSweep(patch, registry, {
      params: [{ module: 'ema-slow', param: 'period', from: 20, to: 30, step: 10 }],
      objective: 'totalReturn',
    });
    executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: 2 });
    const queued = runSweep({ patch, plan, data, model, executor });
    const taken = await w1.waitFor((line) => line.msg === 'job taken');
    w1.child.kill('SIGKILL');
    const result = await queued;
    const inProcess = await runSweep({ patch, plan, data, model });
    expect(result).toEqual(inProcess);
    expect(executor.runsBy().get(taken.run as number)).toBe('w2');
    expect(await w1.exited).toBe('SIGKILL');
  }, 120_000);

  it('on SIGTERM mid-job, finishes the job, then exits cleanly', async () => {
    const queue = newQueue();
    queues.push(queue);
    const [w1] = await start(queue, 30_000, ['w1']);
    const data: SweepData = { bars: hourlyBars(2_500) };
    const plan = planSweep(patch, registry, {
      params: [{ module: 'ema-slow', param: 'period', from: 20, to: 20, step: 1 }],
      objective: 'totalReturn',
    });
    executor = await bullmqSweepExecutor({ redisUrl, queue, inFlight: 1 });
    const queued = runSweep({ patch, plan, data, model, executor });
    await w1.waitFor((line) => line.msg === 'job taken');
    w1.child.kill('SIGTERM');
    expect(await w1.exited).toBe(0);
    const result = await queued;
    expect(result.status).toBe('completed');
    expect(executor.runsBy().get(0)).toBe('w1');
    const messages = w1.lines.map((line) => line.msg);
    expect(messages.indexOf('job done')).toBeGreaterThan(
      messages.indexOf('sweep worker stopping: finishing the running jobs'),
    );
    expect(messages.at(-1)).toBe('sweep worker stopped');
  }, 120_000);

  it('fails a job over its timeout after its capped tries, and one whose data is gone at once', async () => {
    const queue = newQueue();
    queues.push(queue);
    await start(queue, 30_000, ['w1']);
    const connection = { url: redisUrl };
    const bull = new Queue(queue, { connection, prefix: defaultSweepPrefix });
    const events = new QueueEvents(queue, { connection, prefix: defaultSweepPrefix });
    const redis = new Redis(redisUrl);
    try {
      await events.waitUntilReady();
      const blob = encodeSweepData({ bars: hourlyBars(2_500) });
      const dataKey = sweepDataKey(defaultSweepPrefix, queue, blob.sha256);
      await redis.set(dataKey, blob.bytes, 'EX', 600);
      const task = encodeJobTask({
        index: 0,
        patch,
        data: { bars: hourlyBars(1) },
        model,
        barFrom: 0,
        barTo: 60_000,
      });
      const slow = await bull.add(
        sweepJobName,
        { task, dataKey, dataSha256: blob.sha256, timeoutMs: 20 },
        { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
      );
      // generous: each try starts a fresh worker thread (piscina stops the one a timeout aborts),
      // which takes many seconds on a loaded 2-core machine
      await expect(slow.waitUntilFinished(events, 150_000)).rejects.toThrow(/the backtest took over 20 ms/);
      expect((await Job.fromId(bull, slow.id as string))?.attemptsMade).toBe(2);
      // a blob never stored (the worker keeps blobs by their SHA-256, so another name)
      const missing = encodeSweepData({ bars: hourlyBars(2) }).sha256;
      const gone = await bull.add(
        sweepJobName,
        {
          task,
          dataKey: sweepDataKey(defaultSweepPrefix, queue, missing),
          dataSha256: missing,
          timeoutMs: 60_000,
        },
        { attempts: 3 },
      );
      await expect(gone.waitUntilFinished(events, 100_000)).rejects.toThrow(/no longer in Redis/);
      expect((await Job.fromId(bull, gone.id as string))?.attemptsMade).toBe(1);
    } finally {
      await Promise.allSettled([bull.close(), events.close(), redis.quit()]);
    }
  }, 300_000);

  it('waits for room in a full queue, and fails when none comes in time', async () => {
    const queue = newQueue();
    queues.push(queue);
    await start(queue, 30_000, ['w1']);
    const bull = new Queue(queue, { connection: { url: redisUrl }, prefix: defaultSweepPrefix });
    try {
      // a job delayed for a minute holds the only place
      const holder = await bull.add('placeholder', {}, { delay: 60_000 });
      executor = await bullmqSweepExecutor({ redisUrl, queue, queueLengthMax: 1, queueFullWaitMs: 300 });
      const plan = planSweep(patch, registry, {
        params: [{ module: 'ema-slow', param: 'period', from: 20, to: 20, step: 1 }],
        objective: 'totalReturn',
      });
      const data: SweepData = { bars: hourlyBars(10) };
      await expect(runSweep({ patch, plan, data, model, executor })).rejects.toThrow(
        /held 1 jobs for 300 ms: no room for this sweep/,
      );
      await holder.remove();
      const sweep = await runSweep({ patch, plan, data, model, executor });
      expect(sweep.status).toBe('completed');
    } finally {
      await bull.close();
    }
  }, 60_000);

  it('refuses a queue no worker takes from, with a message that says so', async () => {
    const queue = newQueue();
    queues.push(queue);
    await expect(bullmqSweepExecutor({ redisUrl, queue })).rejects.toThrow(SweepQueueError);
    await expect(bullmqSweepExecutor({ redisUrl, queue })).rejects.toThrow(/no patchdesk worker takes jobs/);
  });
});
