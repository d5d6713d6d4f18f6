// Backtests started from the editor (BacktestHub): each runs in this process under the virtual
// clock, yielding between slices, so a long one never blocks the server. Bounded: at most
// `runningMax` at once (more are refused, not queued) and the newest `finishedKeptMax` finished
// ones kept for their result. A completed backtest is stored (one insert); a cancelled or
// failed one leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type {
  BacktestConfig,
  BacktestMetrics,
  BacktestOutcome,
  BacktestProgressFrame,
} from '@patchdesk/modules/contracts/backtest';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import { blockingProblems, type Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import type { BarColumns } from '../market/bar-columns';
import { BarCsvError, parseBarCsvColumns } from '../market/bar-csv';
import { contentHash } from '../patches/patch-files';
import { venueModelOf, type VenueModelInput } from '../trading/session/paper-config';
import type { FundingPoint, MarkPoint } from '../trading/session/trading-session';
import type { BacktestResult } from './backtest-result';
import { textSha256 } from './data-identity';
import { readRecordedBars, RecordedDataRefusal } from './recorded-data';
import type { Store } from '../store/open-store';
import type { BacktestResultsStore, DataIdentity, StoredBacktest } from './results-store';
import { BacktestError, runBacktest } from './runner';

/** A backtest's inputs: bars, and the funding and mark series recorded history may bring. */
export interface LoadedData {
  bars: BarColumns;
  funding?: readonly FundingPoint[];
  marks?: readonly MarkPoint[];
}

export const runningMax = 2;
export const finishedKeptMax = 20;

/** A refusal the caller can act on (bad patch, bad data, too many running, unknown id). */
export class BacktestRefusedError extends Error {
  override readonly name = 'BacktestRefusedError';
}

interface Job {
  id: string;
  name: string;
  state: BacktestProgressFrame['state'];
  barsDone: number;
  barsTotal: number;
  startedAtMs: number;
  equity: number;
  timeMs: number | null;
  error: string | null;
  controller: AbortController;
  done: Promise<BacktestOutcome>;
}

export interface BacktestJobsOptions {
  registry: ModuleRegistry;
  samplePath: string;
  /** The results store, opened on first use; null when there is none (results are not stored). */
  results: () => Promise<BacktestResultsStore | null>;
  /** The market store for recorded history, opened on first use; absent or null: none. */
  marketStore?: () => Promise<Store | null>;
  now?: () => number;
  onError?: (message: string, error: unknown) => void;
}

export class BacktestJobs {
  readonly #jobs = new Map<string, Job>();
  readonly #options: BacktestJobsOptions;
  #sample: Promise<{ bars: BarColumns; sha256: string }> | null = null;
  #closed = false;

  constructor(options: BacktestJobsOptions) {
    this.#options = options;
  }

  async start(patchInput: unknown, config: BacktestConfig & { model?: VenueModelInput }): Promise<string> {
    if (this.#closed) throw new BacktestRefusedError('the server is stopping');
    const running = [...this.#jobs.values()].filter((job) => job.state === 'running').length;
    if (running >= runningMax) {
      throw new BacktestRefusedError(
        `${running} backtests are running (at most ${runningMax}); wait or cancel one`,
      );
    }
    const parsed = parsePatch(patchInput);
    if (!parsed.ok)
      throw new BacktestRefusedError(`the patch is not valid: ${parsed.problems[0]?.message ?? ''}`);
    const patch = parsed.patch;
    const blocking = blockingProblems(validatePatch(patch, this.#options.registry));
    if (blocking.length > 0) {
      throw new BacktestRefusedError(`the patch cannot run: ${blocking.map((p) => p.message).join('; ')}`);
    }
    let model;
    try {
      model = venueModelOf(config.model ?? {});
    } catch (error) {
      throw new BacktestRefusedError((error as Error).message);
    }
    const { bars, funding, marks, data } = await this.loadData(config);
    const job: Job = {
      id: randomUUID(),
      name: patch.name,
      state: 'running',
      barsDone: 0,
      barsTotal: bars.length,
      startedAtMs: this.#now(),
      equity: model.startingBalance,
      timeMs: null,
      error: null,
      controller: new AbortController(),
      done: Promise.resolve(null as unknown as BacktestOutcome),
    };
    job.done = this.#run(job, patch, { bars, funding, marks }, data, config);
    // The outcome is read through result(); a failure is kept on the job, never unhandled.
    job.done.catch(() => undefined);
    this.#jobs.set(job.id, job);
    this.#evictFinished();
    return job.id;
  }

  frame(id: string): BacktestProgressFrame {
    const job = this.#job(id);
    const elapsed = this.#now() - job.startedAtMs;
    const left = job.barsTotal - job.barsDone;
    return {
      id,
      state: job.state,
      barsDone: job.barsDone,
      barsTotal: job.barsTotal,
      percent: job.barsTotal > 0 ? Math.min(100, (job.barsDone / job.barsTotal) * 100) : 100,
      etaMs:
        job.state !== 'running' ? 0 : job.barsDone > 0 ? Math.round((elapsed / job.barsDone) * left) : null,
      equity: job.equity,
      timeMs: job.timeMs,
      error: job.error,
    };
  }

  result(id: string): Promise<BacktestOutcome> {
    return this.#job(id).done;
  }

  cancel(id: string): boolean {
    const job = this.#job(id);
    if (job.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#jobs.values()].filter((job) => job.state === 'running');
    for (const job of running) job.controller.abort();
    await Promise.allSettled(running.map((job) => job.done));
  }

  async #run(
    job: Job,
    patch: Patch,
    { bars, funding, marks }: LoadedData,
    data: DataIdentity,
    config: BacktestConfig & { model?: VenueModelInput },
  ): Promise<BacktestOutcome> {
    let result: BacktestResult;
    try {
      result = await runBacktest({
        patch,
        registry: this.#options.registry,
        bars,
        funding,
        marks,
        model: config.model,
        signal: job.controller.signal,
        speed: config.speed,
        onProgress: (p) => {
          job.barsDone = p.barsDone;
          job.equity = p.equity;
          job.timeMs = Number.isNaN(p.timeMs) ? null : p.timeMs;
        },
      });
    } catch (error) {
      job.state = 'failed';
      job.error = error instanceof BacktestError ? error.message : 'the backtest failed (see the server log)';
      if (!(error instanceof BacktestError)) this.#options.onError?.('backtest failed', error);
      throw new BacktestRefusedError(job.error);
    }
    job.barsDone = result.bars.count;
    job.equity = result.account.equity;
    let resultId: string | null = null;
    if (result.status === 'completed' && config.save !== false) {
      try {
        const store = await this.#options.results();
        resultId = store
          ? await store.save({
              name: patch.name,
              patch,
              patchHash: contentHash(patch),
              data,
              config: { ...(config.model ?? {}) },
              result,
              createdAtMs: this.#now(),
            })
          : null;
      } catch (error) {
        this.#options.onError?.('storing a backtest result failed', error);
      }
    }
    job.state = result.status;
    return outcomeOf(job.id, resultId, patch.name, result);
  }

  /**
   * The bars of a config's data (the sample read once; recorded history with its stored funding
   * and marks); a bad CSV is refused naming its line. Sweeps use it too.
   */
  async loadData(config: Pick<BacktestConfig, 'data'>): Promise<LoadedData & { data: DataIdentity }> {
    const data = config.data;
    if (data.kind === 'sample') {
      this.#sample ??= readFile(this.#options.samplePath, 'utf8').then((text) => ({
        bars: parseBarCsvColumns(text, 'sample'),
        sha256: textSha256(text),
      }));
      const sample = await this.#sample;
      return { bars: sample.bars, data: { kind: 'sample', name: 'sample', sha256: sample.sha256 } };
    }
    if (data.kind === 'recorded') return this.#recorded(data);
    try {
      const bars = parseBarCsvColumns(data.text, data.name);
      if (bars.length === 0) throw new BacktestRefusedError(`${data.name}: no bars`);
      return { bars, data: { kind: 'file', name: data.name, sha256: textSha256(data.text) } };
    } catch (error) {
      if (error instanceof BarCsvError) throw new BacktestRefusedError(error.message);
      throw error;
    }
  }

  async #recorded(query: Extract<BacktestConfig['data'], { kind: 'recorded' }>) {
    let store: Store | null;
    try {
      store = (await this.#options.marketStore?.()) ?? null;
    } catch (error) {
      throw new BacktestRefusedError(`the market store cannot be opened: ${(error as Error).message}`);
    }
    if (!store) throw new BacktestRefusedError('no market store is configured for recorded history');
    try {
      return await readRecordedBars(store, query);
    } catch (error) {
      if (error instanceof RecordedDataRefusal) throw new BacktestRefusedError(error.message);
      throw error;
    }
  }

  #job(id: string): Job {
    const job = this.#jobs.get(id);
    if (!job) throw new BacktestRefusedError(`no backtest ${id} (finished ones are kept for a while only)`);
    return job;
  }

  #evictFinished(): void {
    const finished = [...this.#jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - finishedKeptMax)))
      this.#jobs.delete(job.id);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

/** NaN metrics as null: the same on JSON and MessagePack. */
export function metricsForWire(metrics: BacktestResult['metrics']): BacktestMetrics {
  const out: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(metrics)) out[key] = Number.isNaN(value) ? null : value;
  return out as BacktestMetrics;
}

export function outcomeOf(
  id: string,
  resultId: string | null,
  name: string,
  result: BacktestResult,
): BacktestOutcome {
  return {
    id,
    resultId,
    name,
    status: result.status,
    bars: result.bars,
    metrics: metricsForWire(result.metrics),
    account: result.account,
    counts: result.counts,
    series: result.series,
    seriesStride: result.seriesStride,
    candles: result.candles,
    probes: result.probes,
    trades: result.trades,
    fills: result.fills,
    orders: result.orders,
  };
}

/** A stored result in the hub's outcome shape. */
export function outcomeOfStored(stored: StoredBacktest): BacktestOutcome {
  return {
    id: stored.id,
    resultId: stored.id,
    name: stored.name,
    status: stored.summary.status,
    bars: stored.summary.bars,
    metrics: stored.metrics,
    account: stored.summary.account,
    counts: stored.summary.counts,
    series: stored.series.series,
    seriesStride: stored.series.seriesStride,
    candles: stored.series.candles ?? null,
    probes: stored.series.probes ?? null,
    trades: stored.series.trades,
    fills: stored.series.fills,
    orders: stored.series.orders,
  };
}
