// Test and bench helpers for the queued sweep: a real `patchdesk worker` child process (its pino
// lines parsed), whether a Redis answers, and a queue removed with its data blobs afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultSweepPrefix, sweepDataKey } from './sweep-job';

const binPath = fileURLToPath(new URL('../../bin/patchdesk.js', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkerLine {
  msg: string;
  run?: number;
  job?: string;
  [key: string]: unknown;
}

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  lines: WorkerLine[];
  stderr: () => string;
  /** Resolves with the first line (already seen or to come) that matches. */
  waitFor(match: (line: WorkerLine) => boolean, timeoutMs?: number): Promise<WorkerLine>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

export function startWorkerProcess(options: {
  id: string;
  queue: string;
  redisUrl: string;
  concurrency?: number;
  lockMs?: number;
}): WorkerProcess {
  const args = [
    binPath,
    'worker',
    '--queue',
    options.queue,
    '--redis-url',
    options.redisUrl,
    '--concurrency',
    String(options.concurrency ?? 1),
    '--lock-ms',
    String(options.lockMs ?? 30_000),
    '--id',
    options.id,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: WorkerLine[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    pending += text;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      if (part.trim().startsWith('{')) lines.push(JSON.parse(part) as WorkerLine);
    }
    for (const wake of waiters) wake();
  });
  let errorText = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (errorText += text));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const waitFor = (match: (line: WorkerLine) => boolean, timeoutMs = 60_000) =>
    new Promise<WorkerLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`worker ${options.id}: no such line in ${timeoutMs} ms; stderr: ${errorText}`));
      }, timeoutMs);
      waiters.add(check);
      void exited.then(() => check());
      check();
    });
  return { id: options.id, child, lines, stderr: () => errorText, waitFor, exited };
}

/** Stops a worker with SIGTERM (it finishes its jobs) and waits for it. */
export async function stopWorkerProcess(worker: WorkerProcess): Promise<number | string> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  return worker.exited;
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Removes the queue's keys and its data blobs. */
export async function removeQueue(
  redisUrl: string,
  queue: string,
  prefix = defaultSweepPrefix,
): Promise<void> {
  const bull = new Queue(queue, { connection: { url: redisUrl }, prefix });
  await bull.obliterate({ force: true });
  await bull.close();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(sweepDataKey(prefix, queue, '*'));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
