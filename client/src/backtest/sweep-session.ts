// The sweep's commands over BacktestHub, no React: start, follow the progress stream and only
// once it has ended ask for the result (as a backtest does: asking earlier races a cancel),
// cancel; open a row as a single backtest in the panel; apply a row's params to the patch as
// one undoable edit group.
import type { BacktestHubMethods } from '@patchdesk/modules/contracts/backtest';
import type { SweepConfig, SweepRow } from '@patchdesk/modules/contracts/sweep';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import type { HubClient } from '../hub/hub-client';
import { readableHubError } from '../hub/hub-errors';
import { patchWithSweepParams, sweepParamEdits } from './sweep-apply';
import { useSweepStore } from './sweep-store';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface SweepSessionParts {
  hub: Pick<HubClient<BacktestHubMethods>, 'invoke' | 'stream'>;
  /** Runs one backtest in the panel (BacktestSession.run). */
  backtest(patch: Patch, config: Pick<SweepConfig, 'data' | 'model'>): Promise<void>;
  /** Submits an undoable edit group (EditSession.submit). */
  submit(label: string, edits: readonly PatchEdit[]): Promise<boolean>;
}

export class SweepSession {
  /** The data and model of the sweep on show: a row opens with the same. */
  private inputs: Pick<SweepConfig, 'data' | 'model'> | null = null;

  constructor(private readonly parts: SweepSessionParts) {}

  private get store() {
    return useSweepStore.getState();
  }

  async run(patch: Patch, config: SweepConfig): Promise<void> {
    if (this.store.running) return;
    this.store.set({
      running: { id: null, phase: 'starting', frame: null, cancelRequested: false },
      note: null,
    });
    let id: string;
    try {
      id = await this.parts.hub.invoke('startSweep', patch, config);
    } catch (error) {
      this.store.set({
        running: null,
        note: { kind: 'error', message: `Sweep refused: ${messageOf(error)}` },
      });
      return;
    }
    const running = useSweepStore.getState().running;
    this.store.set({ running: running ? { ...running, id } : null });
    if (running?.cancelRequested) void this.parts.hub.invoke('cancelSweep', id).catch(() => undefined);
    const problem = await this.follow(id);
    const current = useSweepStore.getState().running;
    if (current) this.store.set({ running: { ...current, phase: 'finishing' } });
    try {
      const outcome = await this.parts.hub.invoke('sweepResult', id);
      this.inputs = { data: config.data, model: config.model };
      this.store.set({
        running: null,
        outcome,
        selected: null,
        note:
          outcome.status === 'cancelled'
            ? { kind: 'info', message: `Cancelled after ${outcome.rows.length} runs; the table shows those.` }
            : null,
      });
    } catch (error) {
      this.store.set({
        running: null,
        note: { kind: 'error', message: `Sweep failed: ${problem ?? messageOf(error)}` },
      });
    }
  }

  private follow(id: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.parts.hub.stream('sweepProgress', id).subscribe({
        next: (frame) => this.store.frame(frame),
        complete: () => resolve(null),
        error: (error) => resolve(readableHubError('sweepProgress', messageOf(error)).message),
      });
    });
  }

  async cancel(): Promise<void> {
    const running = this.store.running;
    if (!running || running.cancelRequested) return;
    this.store.set({ running: { ...running, cancelRequested: true } });
    if (running.id === null) return;
    try {
      await this.parts.hub.invoke('cancelSweep', running.id);
    } catch (error) {
      this.store.set({ note: { kind: 'error', message: `Cancel failed: ${messageOf(error)}` } });
    }
  }

  /** Backtests the patch with row `index`'s params on the sweep's data and model. */
  async open(patch: Patch, index: number): Promise<void> {
    const row = this.row(index);
    if (!row || !this.inputs) return;
    this.store.set({ selected: index });
    await this.parts.backtest(patchWithSweepParams(patch, row.params), this.inputs);
  }

  /** Writes row `index`'s params into the patch: one undoable group. */
  async apply(patch: Patch, index: number): Promise<boolean> {
    const row = this.row(index);
    if (!row) return false;
    const edits = sweepParamEdits(patch, row.params);
    if (edits.length === 0) {
      this.store.set({ note: { kind: 'info', message: 'The patch already has these params.' } });
      return false;
    }
    const label = `apply sweep ${Object.entries(row.params)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ')}`;
    const ok = await this.parts.submit(label, edits);
    this.store.set({
      note: ok
        ? {
            kind: 'info',
            message: `Applied ${edits.length} param${edits.length === 1 ? '' : 's'}; undo takes it back.`,
          }
        : { kind: 'error', message: 'The patch refused the params (see the message at the top).' },
    });
    return ok;
  }

  private row(index: number): SweepRow | null {
    return this.store.outcome?.rows[index] ?? null;
  }
}

const sessions = new WeakMap<object, SweepSession>();

/** One sweep session per hub connection, so the panel can unmount while a sweep streams on. */
export function sweepSessionFor(
  hub: HubClient<BacktestHubMethods>,
  parts: () => Omit<SweepSessionParts, 'hub'>,
): SweepSession {
  let session = sessions.get(hub);
  if (!session) {
    session = new SweepSession({ hub, ...parts() });
    sessions.set(hub, session);
  }
  return session;
}
