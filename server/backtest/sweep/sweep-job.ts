// What a queued sweep job carries and gives back, shared by the sender (bullmq-sweep-queue.ts)
// and the workers (sweep-job-worker.ts). One job is one backtest of a sweep: its task without
// the data (the patch with this run's params, the model, the bar range) as exact JSON, and the
// Redis key and SHA-256 of the data blob (sweep-data-blob.ts) the worker reads the bars from.
import { decodeExactJson, encodeExactJson } from './exact-json';
import type { SweepRunResult, SweepTask } from './sweep-task';

export const sweepJobName = 'backtest';
export const defaultSweepQueue = 'sweeps';
export const defaultSweepPrefix = 'patchdesk';
/** A job's task without its data; 1 MB holds a patch of thousands of modules. */
export const sweepJobTaskBytesMax = 1024 * 1024;

export type SweepJobTask = Omit<SweepTask, 'data' | 'stopFlag'>;

export interface SweepJobData {
  /** encodeExactJson(SweepJobTask) */
  task: string;
  dataKey: string;
  dataSha256: string;
  /** The worker aborts the backtest after this long and the job fails (and is retried). */
  timeoutMs: number;
  /** Set (any value) when the sweep is cancelled: the worker then skips or stops the backtest. */
  cancelKey?: string;
}

export interface SweepJobReturn {
  /** The worker that ran it (its --id). */
  workerId: string;
  result: SweepRunResult;
}

export function sweepDataKey(prefix: string, queue: string, sha256: string): string {
  return `${prefix}:${queue}:data:${sha256}`;
}

/** One per sweep that can be cancelled (it was given an AbortSignal). */
export function sweepCancelKey(prefix: string, queue: string, sweepId: string): string {
  return `${prefix}:${queue}:cancel:${sweepId}`;
}

export function encodeJobTask(task: SweepTask): string {
  const { data: _data, stopFlag: _stopFlag, ...rest } = task;
  const text = encodeExactJson(rest);
  if (Buffer.byteLength(text) > sweepJobTaskBytesMax) {
    throw new RangeError(
      `sweep run ${task.index}: the patch and settings are ${Buffer.byteLength(text)} bytes, over the ${sweepJobTaskBytesMax} a job carries`,
    );
  }
  return text;
}

export const decodeJobTask = (text: string): SweepJobTask => decodeExactJson<SweepJobTask>(text);
export const encodeJobReturn = (value: SweepJobReturn): string => encodeExactJson(value);
export const decodeJobReturn = (text: string): SweepJobReturn => decodeExactJson<SweepJobReturn>(text);
