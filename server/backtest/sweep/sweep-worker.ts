// The piscina worker: one sweep task per call. Built to server/dist/sweep-worker.js; from the
// TypeScript sources it is loaded through sweep-worker-dev.mjs.
import { runSweepTask, type SweepRunResult, type SweepTask } from './sweep-task';

export default function sweepWorker(task: SweepTask): Promise<SweepRunResult> {
  return runSweepTask(task);
}
