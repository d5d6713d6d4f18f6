// Sweeps started from the editor (BacktestHub.startSweep): each is a runSweep over a pool of
// worker threads shared by all sweeps (shared-executor.ts). Bounded: at most sweepHubRunsMax
// runs per sweep, sweepsPerConnectionMax running per connection, sweepsRunningMax on the whole
// server (more are refused, not queued), and the newest sweepsKeptMax finished ones kept for
// their result. A completed sweep is stored (sweep-results-store.ts) when a store is configured.
import { randomUUID } from 'node:crypto';
import {
  sweepHubRunsMax,
  sweepsPerConnectionMax,
  type SweepConfig,
  type SweepOutcome,
  type SweepProgressFrame,
} from '@patchdesk/modules/contracts/sweep';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import { blockingProblems, type Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { venueModelOf, venueModelSchema, type VenueModelInput } from '../../trading/session/paper-config';
import { BacktestRefusedError, type LoadedData } from '../backtest-jobs';
import type { SweepExecutor } from './executors';
import { scoreOf } from './objective';
import { namedParams } from './patch-with-params';
import { runSweep, type SweepResult } from './sweep';
import { sweepOutcomeOf, valueOfScore } from './sweep-outcome';
import type { SweepListItem, SweepResultsStore } from './sweep-results-store';
import { contentHash } from '../../patches/patch-files';
import type { DataIdentity } from '../results-store';
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
  loadData(config: Pick<SweepConfig, 'data'>): Promise<LoadedData & { data?: DataIdentity }>;
  /** The sweep results store, opened on first use; absent or null: finished sweeps are not stored. */
  results?: () => Promise<SweepResultsStore | null>;
  now?: () => number;
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
    const { bars, funding, marks, data } = await this.#options.loadData(config);
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
    const stored = { data: data ?? { kind: config.data.kind }, config: storedConfigOf(config, model) };
    job.done = this.#run(job, patch, { bars, funding, marks }, model, stored);
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

  /** Stored sweeps, newest first. */
  async listStored(limit: number): Promise<SweepListItem[]> {
    return (await this.#results()).list(limit);
  }

  /** A stored sweep's outcome, or null. */
  async openStored(id: string): Promise<SweepOutcome | null> {
    return (await this.#results()).open(id).then((stored) => stored?.outcome ?? null);
  }

  async deleteStored(id: string): Promise<boolean> {
    return (await this.#results()).delete(id);
  }

  async #results(): Promise<SweepResultsStore> {
    let opened: SweepResultsStore | null;
    try {
      opened = (await this.#options.results?.()) ?? null;
    } catch (error) {
      throw new BacktestRefusedError(`the results store cannot be opened: ${(error as Error).message}`);
    }
    if (!opened) throw new BacktestRefusedError('no results store is configured');
    return opened;
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

  async #run(
    job: SweepJob,
    patch: Patch,
    data: LoadedData,
    model: VenueModelInput,
    stored: { data: object; config: Record<string, unknown> },
  ): Promise<SweepOutcome> {
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
    const outcome = sweepOutcomeOf({ id: job.id, name: job.name, search: job.plan.search }, result, bars);
    // A completed sweep is stored (one insert) before it reads as finished; a failed store is
    // logged and the outcome still given (resultId null).
    outcome.resultId = result.status === 'completed' ? await this.#store(patch, outcome, stored) : null;
    job.state = result.status;
    return outcome;
  }

  async #store(
    patch: Patch,
    outcome: SweepOutcome,
    stored: { data: object; config: Record<string, unknown> },
  ): Promise<string | null> {
    try {
      const results = (await this.#options.results?.()) ?? null;
      if (!results) return null;
      return await results.save({
        name: patch.name,
        patch,
        patchHash: contentHash(patch),
        data: { ...stored.data },
        config: stored.config,
        outcome,
        createdAtMs: (this.#options.now ?? Date.now)(),
      });
    } catch (error) {
      this.#options.onError?.('storing a sweep result failed', error);
      return null;
    }
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

/** What reproduces a sweep besides the patch and data: params, search, objective, venue model. */
export function storedConfigOf(
  config: { params: readonly object[]; search: object; objective: string },
  model: VenueModelInput,
): Record<string, unknown> {
  return { params: config.params, search: config.search, objective: config.objective, model };
}
