// The pool shared by sweeps: three sweeps at once through a two-slot executor never have more
// than two runs in flight, each gives the same result as alone in this thread, the queue is
// bounded, and a run cancelled while it waits leaves the queue.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../testing';
import type { SweepExecutor } from './executors';
import { sharedExecutor, SweepQueueFullError } from './shared-executor';
import { runSweep } from './sweep';
import { planSweep } from './sweep-spec';
import { runSweepTask, type SweepTask } from './sweep-task';
import { hourlyBars } from './testing';

const patch = examplePatch();
const bars = hourlyBars(3);
const plan = planSweep(patch, createBuiltinRegistry(), {
  params: [{ module: 'ema-fast', param: 'period', from: 4, to: 10, step: 2 }],
  objective: 'totalReturn',
});

/** Real runs in this thread, two at a time, counting how many are in flight. */
function countingExecutor() {
  const seen = { inFlight: 0, inFlightMax: 0, closed: 0 };
  const executor: SweepExecutor = {
    concurrency: 2,
    run: async (task, signal) => {
      seen.inFlight++;
      seen.inFlightMax = Math.max(seen.inFlightMax, seen.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return await runSweepTask(task, signal);
      } finally {
        seen.inFlight--;
      }
    },
    close: () => {
      seen.closed++;
      return Promise.resolve();
    },
  };
  return { executor, seen };
}

describe('sharedExecutor', () => {
  it('runs three sweeps at once within the pool’s two slots, each as alone', async () => {
    const { executor, seen } = countingExecutor();
    const shared = sharedExecutor(() => executor, 6);
    const alone = await runSweep({ patch, plan, data: { bars } });
    const together = await Promise.all(
      [0, 1, 2].map(() => runSweep({ patch, plan, data: { bars }, executor: shared.forSweep() })),
    );
    expect(seen.inFlightMax).toBe(2);
    for (const sweep of together) {
      expect(sweep.status).toBe('completed');
      expect(sweep.runs.map((run) => run.result.metrics)).toEqual(
        alone.runs.map((run) => run.result.metrics),
      );
    }
    expect(shared.waiting).toBe(0);
    await shared.close();
    expect(seen.closed).toBe(1);
  });

  it('bounds the queue and drops a waiting run whose sweep is cancelled', async () => {
    const { executor } = countingExecutor();
    const shared = sharedExecutor(() => executor, 1);
    const sweep = shared.forSweep();
    const task = (index: number): SweepTask => ({
      index,
      patch,
      data: { bars },
      model: {},
      barFrom: 0,
      barTo: bars.length,
    });
    const running = [sweep.run(task(0)), sweep.run(task(1))];
    const controller = new AbortController();
    const waiting = sweep.run(task(2), controller.signal);
    expect(shared.waiting).toBe(1);
    await expect(sweep.run(task(3))).rejects.toBeInstanceOf(SweepQueueFullError);
    controller.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(shared.waiting).toBe(0);
    await Promise.all(running);
    await shared.close();
  });
});
