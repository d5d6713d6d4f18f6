// The stop flag of a sweep task (how a `patchdesk worker` stops a backtest running on another
// thread): set, the run comes back 'cancelled' with the bars it did; clear, it runs to the end.
// A job's task never carries the flag.
import { describe, expect, it } from 'vitest';
import { examplePatch } from '../testing';
import { decodeJobTask, encodeJobTask } from './sweep-job';
import { runSweepTask, type SweepTask } from './sweep-task';
import { hourlyBars } from './testing';

const newFlag = () => new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
const task = (stopFlag: Int32Array): SweepTask => ({
  index: 3,
  patch: examplePatch(),
  data: { bars: hourlyBars(10) },
  model: { takerFee: 0.0004, slippageBps: 2 },
  barFrom: 0,
  barTo: 240,
  stopFlag,
});

describe('a sweep task with a stop flag', () => {
  it('runs all 240 bars while the flag is clear', async () => {
    const result = await runSweepTask(task(newFlag()));
    expect(result.status).toBe('completed');
    expect(result.bars.count).toBe(240);
  });

  it('stops before any bar when the flag is already set', async () => {
    const flag = newFlag();
    Atomics.store(flag, 0, 1);
    const result = await runSweepTask(task(flag));
    expect(result.status).toBe('cancelled');
    expect(result.bars.count).toBe(0);
    expect(result.index).toBe(3);
  });

  it('is left out of the job a queued sweep sends', () => {
    const text = encodeJobTask(task(newFlag()));
    expect(decodeJobTask(text)).not.toHaveProperty('stopFlag');
    expect(decodeJobTask(text)).not.toHaveProperty('data');
  });
});
