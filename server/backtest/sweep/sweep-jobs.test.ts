// SweepJobs without the hub: the contract's objectives are the runner's, and a sweep judged by
// maxDrawdown (lower is better) reports the drawdown itself as the best value, not its score.
import { describe, expect, it } from 'vitest';
import { sweepObjectives } from '@patchdesk/modules/contracts/sweep';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../testing';
import { inProcessExecutor } from './executors';
import { objectiveNames } from './objective';
import { SweepJobs } from './sweep-jobs';
import { hourlyBars } from './testing';

describe('SweepJobs', () => {
  it('offers exactly the objectives the sweep runner knows', () => {
    expect([...sweepObjectives]).toEqual([...objectiveNames]);
  });

  it('reports the lowest max drawdown as the best, as a drawdown', async () => {
    const bars = hourlyBars(4);
    const jobs = new SweepJobs({
      registry: createBuiltinRegistry(),
      loadData: () => Promise.resolve({ bars }),
      executor: inProcessExecutor,
    });
    const id = await jobs.start('connection-1', examplePatch(), {
      params: [{ module: 'ema-fast', param: 'period', from: 4, to: 10, step: 3 }],
      search: { kind: 'grid' },
      objective: 'maxDrawdown',
      data: { kind: 'sample' },
    });
    const outcome = await jobs.result(id);
    const drawdowns = outcome.rows.map((row) => row.metrics.maxDrawdown as number);
    expect(outcome.rows.map((row) => row.value)).toEqual(drawdowns);
    const lowest = Math.min(...drawdowns);
    expect(outcome.best).toBe(drawdowns.indexOf(lowest));
    const frame = jobs.frame(id);
    expect(frame).toMatchObject({ state: 'completed', runsDone: 3, runsTotal: 3, bestValue: lowest });
    expect(frame.bestParams).toEqual(outcome.rows[drawdowns.indexOf(lowest)].params);
    await jobs.close();
  });
});
