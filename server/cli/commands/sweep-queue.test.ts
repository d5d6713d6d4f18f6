// `patchdesk sweep` and `walkforward --redis-url` through two `patchdesk worker` processes print
// the same JSON as `--local`; a queue nobody takes from, and bad worker flags, are one clear line each.
import { afterAll, describe, expect, it } from 'vitest';
import {
  redisAnswers,
  removeQueue,
  startWorkerProcess,
  stopWorkerProcess,
} from '../../backtest/sweep/bullmq-testing';
import { hasStackTrace, runCli } from '../testing';
import { runSweepWorkerCommand } from './worker-sweeps';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const available = await redisAnswers(redisUrl);
if (!available && process.env.CI === 'true')
  throw new Error(`CI needs Redis at ${redisUrl} for the queued sweep`);

const sweepArgs = [
  'sweep',
  'patches/ema-cross-rsi.json',
  '--bars',
  'patches/data/btc-usdt-perp-1m-sample.csv',
  '--param',
  'ema-fast.period=6:12:3',
  '--objective',
  'totalReturn',
  '--json',
];
const queues: string[] = [];
const newQueue = () => {
  const queue = `sweep-cli-test-${process.pid}-${Date.now()}-${queues.length}`;
  queues.push(queue);
  return queue;
};

describe('patchdesk worker (sweeps) flags', () => {
  it('refuses sweep flags next to --venue, and bad numbers, with the usage code', async () => {
    const mixed = await runCli(['worker', '--venue', 'binanceusdm', '--concurrency', '2']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--concurrency is for sweep workers/);
    const zero = await runCli(['worker', '--redis-url', redisUrl, '--concurrency', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--concurrency 0: must be a whole number from 1 to 64/);
    expect(hasStackTrace(zero.stderr + mixed.stderr)).toBe(false);
  });

  it('needs a Redis', async () => {
    await expect(runSweepWorkerCommand({ concurrency: '1', lockMs: '30000' }, { env: {} })).rejects.toThrow(
      /set REDIS_URL or pass --redis-url/,
    );
  });
});

describe.skipIf(!available)('patchdesk sweep through the queue', () => {
  afterAll(async () => {
    for (const queue of queues) await removeQueue(redisUrl, queue);
  });

  it('sweep and walkforward --redis-url: the same JSON as --local, runs taken by the workers', async () => {
    const queue = newQueue();
    const workers = ['a', 'b'].map((id) => startWorkerProcess({ id, queue, redisUrl }));
    try {
      await Promise.all(workers.map((w) => w.waitFor((line) => line.msg === 'sweep worker ready')));
      const queued = await runCli([...sweepArgs, '--redis-url', redisUrl, '--queue', queue, '--jobs', '2']);
      const local = await runCli([...sweepArgs, '--local']);
      expect(queued.stderr).toBe('');
      expect(queued.code).toBe(0);
      expect(JSON.parse(queued.stdout)).toEqual(JSON.parse(local.stdout));
      expect(workers.flatMap((w) => w.lines).filter((line) => line.msg === 'job done')).toHaveLength(3);
      // walk-forward: 2 windows of 3 in-sample runs and 1 out-of-sample run each, on the same workers
      const walk = ['walkforward', ...sweepArgs.slice(1), '--in-sample', '1d', '--out-of-sample', '1d'];
      const walkQueued = await runCli([...walk, '--redis-url', redisUrl, '--queue', queue]);
      const walkLocal = await runCli([...walk, '--local']);
      expect(walkQueued.stderr).toBe('');
      expect(walkQueued.code).toBe(0);
      expect(JSON.parse(walkQueued.stdout)).toEqual(JSON.parse(walkLocal.stdout));
      expect(workers.flatMap((w) => w.lines).filter((line) => line.msg === 'job done')).toHaveLength(3 + 8);
    } finally {
      await Promise.all(workers.map(stopWorkerProcess));
    }
  }, 120_000);

  it('a queue no worker takes from: one line that says what to do', async () => {
    const result = await runCli([...sweepArgs, '--redis-url', redisUrl, '--queue', newQueue()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no patchdesk worker takes jobs from queue "sweep-cli-test-.*start `patchdesk worker`.*--local/,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
