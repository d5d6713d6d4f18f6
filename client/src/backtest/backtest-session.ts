// The Backtest panel's commands over BacktestHub, no React: start a run, follow its progress
// stream, and only once that stream has ended ask for the result (asking earlier raced a cancel
// and lost results); cancel; and the stored results: list, open, delete, compare two.
import type { BacktestConfig, BacktestHubMethods } from '@patchdesk/modules/contracts/backtest';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { HubClient } from '../hub/hub-client';
import { readableHubError } from '../hub/hub-errors';
import { useBacktestStore } from './backtest-store';
import { datasetKey, wholeDataset } from './recorded-choice';

/** Stored results listed in the panel. */
export const storedListMax = 50;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class BacktestSession {
  constructor(private readonly hub: Pick<HubClient<BacktestHubMethods>, 'invoke' | 'stream'>) {}

  private get store() {
    return useBacktestStore.getState();
  }

  async run(patch: Patch, config: BacktestConfig): Promise<void> {
    if (this.store.running) return;
    this.store.set({
      running: { id: null, phase: 'starting', frame: null, equityTrail: [], cancelRequested: false },
      note: null,
    });
    let id: string;
    try {
      id = await this.hub.invoke('start', patch, config);
    } catch (error) {
      this.store.set({
        running: null,
        note: { kind: 'error', message: `Backtest refused: ${messageOf(error)}` },
      });
      return;
    }
    // Read afresh: a cancel may have been clicked while start was answered.
    const running = useBacktestStore.getState().running;
    this.store.set({ running: running ? { ...running, id } : null });
    // A cancel clicked before the id came back is sent now.
    if (running?.cancelRequested) void this.hub.invoke('cancel', id).catch(() => undefined);
    const ended = await this.follow(id);
    await this.fetchResult(id, ended);
  }

  /** Resolves when the progress stream ends: null when it completed, else why it failed. */
  private follow(id: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.hub.stream('progress', id).subscribe({
        next: (frame) => this.store.frame(frame),
        complete: () => resolve(null),
        error: (error) => resolve(readableHubError('progress', messageOf(error)).message),
      });
    });
  }

  private async fetchResult(id: string, streamProblem: string | null): Promise<void> {
    const running = this.store.running;
    if (running) this.store.set({ running: { ...running, phase: 'finishing' } });
    try {
      const outcome = await this.hub.invoke('result', id);
      const cancelled = outcome.status === 'cancelled';
      this.store.set({
        running: null,
        // A cancelled run's partial numbers are not shown as a result: they were never stored.
        ...(cancelled
          ? {
              note: {
                kind: 'info' as const,
                message: `Cancelled after ${outcome.bars.count.toLocaleString('en-US')} bars; nothing was stored.`,
              },
            }
          : { outcome, selectedTrade: null, note: null }),
      });
      if (!cancelled) await this.refreshList();
    } catch (error) {
      const message = messageOf(error);
      this.store.set({
        running: null,
        note: { kind: 'error', message: `Backtest failed: ${streamProblem ?? message}` },
      });
    }
  }

  async cancel(): Promise<void> {
    const running = this.store.running;
    if (!running || running.cancelRequested) return;
    this.store.set({ running: { ...running, cancelRequested: true } });
    if (running.id === null) return;
    try {
      await this.hub.invoke('cancel', running.id);
    } catch (error) {
      this.store.set({ note: { kind: 'error', message: `Cancel failed: ${messageOf(error)}` } });
    }
  }

  async refreshList(): Promise<void> {
    try {
      const stored = await this.hub.invoke('list', storedListMax);
      const ids = new Set(stored.map((item) => item.id));
      this.store.set({ stored, storedLoaded: true, picked: this.store.picked.filter((id) => ids.has(id)) });
    } catch (error) {
      this.store.set({
        storedLoaded: true,
        note: { kind: 'error', message: `Stored results: ${messageOf(error)}` },
      });
    }
  }

  /** Asks the server which recorded bar series its store holds (for the Recorded history pickers). */
  async refreshDatasets(): Promise<void> {
    try {
      const datasets = await this.hub.invoke('datasets');
      const data = this.store.data;
      // Recorded history chosen before the list came (or its dataset is gone): the first, whole.
      const keep = data.kind !== 'recorded' || datasets.some((d) => datasetKey(d) === data.key);
      this.store.set({
        datasets,
        ...(keep || datasets.length === 0 ? {} : { data: wholeDataset(datasets[0]) }),
      });
    } catch (error) {
      this.store.set({
        datasets: [],
        note: { kind: 'error', message: `Recorded history: ${messageOf(error)}` },
      });
    }
  }

  async open(resultId: string): Promise<void> {
    try {
      const outcome = await this.hub.invoke('open', resultId);
      if (!outcome) {
        this.store.set({ note: { kind: 'error', message: 'That result is no longer stored.' } });
        await this.refreshList();
        return;
      }
      this.store.set({ outcome, selectedTrade: null, comparison: null, note: null });
    } catch (error) {
      this.store.set({ note: { kind: 'error', message: `Open failed: ${messageOf(error)}` } });
    }
  }

  async remove(resultId: string): Promise<void> {
    try {
      await this.hub.invoke('delete', resultId);
      const { outcome, comparison } = this.store;
      this.store.set({
        outcome: outcome?.resultId === resultId ? null : outcome,
        comparison:
          comparison && (comparison.a.resultId === resultId || comparison.b.resultId === resultId)
            ? null
            : comparison,
      });
      await this.refreshList();
    } catch (error) {
      this.store.set({ note: { kind: 'error', message: `Delete failed: ${messageOf(error)}` } });
    }
  }

  async compare(a: string, b: string): Promise<void> {
    try {
      const [comparison, left, right] = await Promise.all([
        this.hub.invoke('compare', a, b),
        this.hub.invoke('open', a),
        this.hub.invoke('open', b),
      ]);
      if (!comparison || !left || !right) {
        this.store.set({ note: { kind: 'error', message: 'One of the two results is no longer stored.' } });
        await this.refreshList();
        return;
      }
      this.store.set({ comparison: { comparison, a: left, b: right }, note: null });
    } catch (error) {
      this.store.set({ note: { kind: 'error', message: `Compare failed: ${messageOf(error)}` } });
    }
  }
}

const sessions = new WeakMap<object, BacktestSession>();

/** One session per hub connection, so the panel can unmount while a run streams on. */
export function backtestSessionFor(hub: HubClient<BacktestHubMethods>): BacktestSession {
  let session = sessions.get(hub);
  if (!session) {
    session = new BacktestSession(hub);
    sessions.set(hub, session);
  }
  return session;
}
