// Sweeps started from the editor (BacktestHub.startSweep): each is a runSweep over a pool of
// worker threads shared by all sweeps (shared-executor.ts). Bounded: at most sweepHubRunsMax
// runs per sweep, sweepsPerConnectionMax running per connection, sweepsRunningMax on the whole
// server (more are refused, not queued), and the newest sweepsKeptMax finished ones kept for
// their result. Nothing is stored: a sweep's row is cheap to run again as a single backtest.
import { randomUUID } from 'node:crypto';
import {
  sweepHubRunsMax,
  sweepRowMetrics,
  sweepsPerConnectionMax,
  type SweepConfig,
  type SweepOutcome,
  type SweepProgressFrame,
  type SweepRow,
} from '@patchdesk/modules/contracts/sweep';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import { blockingProblems, type Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { BarColumns } from '../../market/bar-columns';
import { venueModelOf, venueModelSchema, type VenueModelInput } from '../../trading/session/paper-config';
import { BacktestRefusedError, type LoadedData } from '../backtest-jobs';
import type { SweepExecutor } from './executors';
import { scoreOf } from './objective';
import { namedParams } from './patch-with-params';
import { runSweep, type SweepResult } from './sweep';
import { planSweep, SweepSpecError, type SweepPlan } from './sweep-spec';
import type { SweepRunResult, SweepTask } from './sweep-task';

export const sweepsRunningMax = 4;
export const sweepsKeptMax = 10;

interface SweepJob {
  id: string;
  owner: string;
  name: string;
  plan: SweepPlan;
  state: SweepProgressFrame['state'];
  runsDone: number;
  best: { index: number; score: number } | null;
  error: string | null;
  controller: AbortController;
  done: Promise<SweepOutcome>;
}

export interface SweepJobsOptions {
  registry: ModuleRegistry;
  /**
   * The bars of a config's data, with recorded history's funding and marks (BacktestJobs.loadData);
   * throws BacktestRefusedError for bad data.
   */
  loadData(config: Pick<SweepConfig, 'data'>): Promise<LoadedData>;
  /** An executor for one sweep (its close must not close a shared pool). */
  executor(): SweepExecutor;
  onError?: (message: string, error: unknown) => void;
}

export class SweepJobs {
  readonly #jobs = new Map<string, SweepJob>();
  readonly #options: SweepJobsOptions;
  #closed = false;

  constructor(options: SweepJobsOptions) {
    this.#options = options;
  }

  /** Starts a sweep for `owner` (a connection id); refusals are BacktestRefusedError. */
  async start(owner: string, patchInput: unknown, config: SweepConfig): Promise<string> {
    if (this.#closed) throw new BacktestRefusedError('the server is stopping');
    this.#checkLimits(owner);
    const patch = this.#patch(patchInput);
    const model = this.#model(config.model);
    const plan = this.#plan(patch, config);
    const { bars, funding, marks } = await this.#options.loadData(config);
    if (bars.length === 0) throw new BacktestRefusedError('the data has no bars');
    // again: other starts may have got in while the data was read
    this.#checkLimits(owner);
    const job: SweepJob = {
      id: randomUUID(),
      owner,
      name: patch.name,
      plan,
      state: 'running',
      runsDone: 0,
      best: null,
      error: null,
      controller: new AbortController(),
      done: Promise.resolve(null as unknown as SweepOutcome),
    };
    job.done = this.#run(job, patch, { bars, funding, marks }, model);
    job.done.catch(() => undefined);
    this.#jobs.set(job.id, job);
    this.#evictFinished();
    return job.id;
  }

  frame(id: string): SweepProgressFrame {
    const job = this.#job(id);
    const total = job.plan.paramSets.length;
    const best = job.best && Number.isFinite(job.best.score) ? job.best : null;
    return {
      id,
      state: job.state,
      runsDone: job.runsDone,
      runsTotal: total,
      percent: total > 0 ? Math.min(100, (job.runsDone / total) * 100) : 100,
      objective: job.plan.objective,
      bestValue: best ? valueOfScore(best.score, job.plan.objective) : null,
      bestParams: best ? namedParams(job.plan.ranges, job.plan.paramSets[best.index]) : null,
      error: job.error,
    };
  }

  result(id: string): Promise<SweepOutcome> {
    return this.#job(id).done;
  }

  cancel(id: string): boolean {
    const job = this.#job(id);
    if (job.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Cancels every running sweep of `owner` (its connection closed). */
  cancelOwner(owner: string): number {
    let cancelled = 0;
    for (const job of this.#jobs.values()) {
      if (job.owner === owner && job.state === 'running') {
        job.controller.abort();
        cancelled++;
      }
    }
    return cancelled;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#jobs.values()].filter((job) => job.state === 'running');
    for (const job of running) job.controller.abort();
    await Promise.allSettled(running.map((job) => job.done));
  }

  #checkLimits(owner: string): void {
    const running = [...this.#jobs.values()].filter((job) => job.state === 'running');
    const mine = running.filter((job) => job.owner === owner).length;
    if (mine >= sweepsPerConnectionMax) {
      throw new BacktestRefusedError(
        `${mine} sweeps of yours are running (at most ${sweepsPerConnectionMax}); wait or cancel one`,
      );
    }
    if (running.length >= sweepsRunningMax) {
      throw new BacktestRefusedError(
        `${running.length} sweeps are running on the server (at most ${sweepsRunningMax}); try again later`,
      );
    }
  }

  #patch(input: unknown): Patch {
    const parsed = parsePatch(input);
    if (!parsed.ok)
      throw new BacktestRefusedError(`the patch is not valid: ${parsed.problems[0]?.message ?? ''}`);
    const blocking = blockingProblems(validatePatch(parsed.patch, this.#options.registry));
    if (blocking.length > 0) {
      throw new BacktestRefusedError(`the patch cannot run: ${blocking.map((p) => p.message).join('; ')}`);
    }
    return parsed.patch;
  }

  #model(input: SweepConfig['model']): VenueModelInput {
    const parsed = venueModelSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BacktestRefusedError(`venue model: ${issue.path.map(String).join('.')} ${issue.message}`);
    }
    try {
      venueModelOf(parsed.data);
    } catch (error) {
      throw new BacktestRefusedError((error as Error).message);
    }
    return parsed.data;
  }

  #plan(patch: Patch, config: SweepConfig): SweepPlan {
    let plan: SweepPlan;
    try {
      plan = planSweep(patch, this.#options.registry, {
        params: config.params,
        search: config.search,
        objective: config.objective,
      });
    } catch (error) {
      if (error instanceof SweepSpecError) throw new BacktestRefusedError(error.message);
      throw error;
    }
    if (plan.paramSets.length > sweepHubRunsMax) {
      throw new BacktestRefusedError(
        `the sweep has ${plan.paramSets.length} runs (at most ${sweepHubRunsMax} from the editor); ` +
          'widen the steps, use a random search, or run `patchdesk sweep`',
      );
    }
    return plan;
  }

  async #run(job: SweepJob, patch: Patch, data: LoadedData, model: VenueModelInput): Promise<SweepOutcome> {
    const { bars } = data;
    const inner = this.#options.executor();
    // Watch each run as it finishes, to keep the best so far (earlier runs win ties).
    const executor: SweepExecutor = {
      get concurrency() {
        return inner.concurrency;
      },
      run: async (task: SweepTask, signal?: AbortSignal): Promise<SweepRunResult> => {
        const result = await inner.run(task, signal);
        const score = scoreOf(result.metrics, job.plan.objective);
        const best = job.best;
        if (!best || score > best.score || (score === best.score && task.index < best.index))
          job.best = { index: task.index, score };
        job.runsDone++;
        return result;
      },
      close: () => inner.close(),
    };
    let result: SweepResult;
    try {
      // The curve of a sweep run is not shown: keep two points, not the default hundreds.
      result = await runSweep({
        patch,
        plan: job.plan,
        data,
        model,
        executor,
        displayPoints: 2,
        signal: job.controller.signal,
      });
    } catch (error) {
      job.state = 'failed';
      job.error = 'the sweep failed (see the server log)';
      this.#options.onError?.('sweep failed', error);
      throw new BacktestRefusedError(job.error);
    } finally {
      await executor.close();
    }
    job.state = result.status;
    return outcomeOf(job, result, bars);
  }

  #job(id: string): SweepJob {
    const job = this.#jobs.get(id);
    if (!job) throw new BacktestRefusedError(`no sweep ${id} (finished ones are kept for a while only)`);
    return job;
  }

  #evictFinished(): void {
    const finished = [...this.#jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - sweepsKeptMax)))
      this.#jobs.delete(job.id);
  }
}

/** The objective metric's own value back from its score (maxDrawdown's score is negated). */
function valueOfScore(score: number, objective: SweepPlan['objective']): number {
  return objective === 'maxDrawdown' ? -score : score;
}

function outcomeOf(job: SweepJob, result: SweepResult, bars: BarColumns): SweepOutcome {
  const rows: SweepRow[] = result.runs.map((run) => {
    const metrics = {} as SweepRow['metrics'];
    for (const name of sweepRowMetrics) metrics[name] = run.result.metrics[name];
    return {
      index: run.index,
      params: run.params,
      value: Number.isFinite(run.score) ? valueOfScore(run.score, result.objective) : null,
      metrics,
    };
  });
  const best = result.best && Number.isFinite(result.best.score) ? result.runs.indexOf(result.best) : -1;
  return {
    id: job.id,
    name: job.name,
    status: result.status,
    objective: result.objective,
    ranges: result.ranges.map((range) => ({ ...range })),
    search: job.plan.search,
    bars: {
      count: bars.length,
      firstTimeMs: bars.length > 0 ? bars.timeMs[0] : null,
      lastTimeMs: bars.length > 0 ? bars.timeMs[bars.length - 1] : null,
    },
    rows,
    best: best >= 0 ? best : null,
  };
}
