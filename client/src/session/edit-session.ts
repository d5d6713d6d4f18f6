// Every edit goes through here: sent to the server's working copy, applied locally once accepted,
// recorded for undo with its inverse. Offline, edits apply locally and wait in an outbox that is
// sent as one group on reconnect. Edits are sent one group at a time, in order.
import { editsInside } from '../editor/subpatch-view';
import type { EditResult } from '@patchdesk/modules/contracts/hubs';
import type { PatchEdit, Problem } from '@patchdesk/modules/patch/types';
import { invertEdits } from '../editor/invert-edits';
import { useGraphStore } from '../stores/graph-store';
import type { UndoEntry } from '../stores/graph-store';
import type { RevisionStep } from '../editor/revision';
import { useConnectionStore } from '../stores/connection-store';

export interface EditTransport {
  readonly isConnected: boolean;
  send(name: string, edits: readonly PatchEdit[]): Promise<EditResult>;
}

export interface EditSessionEvents {
  /** The server refused a group; the patch is unchanged. */
  refused(problems: readonly Problem[], label: string): void;
  /** A revision gap showed that an edit was missed: refetch the document. */
  gap(): void;
  /** A call failed for another reason than a refusal (server error). */
  failed(message: string, label: string): void;
}

type Outcome = { kind: 'accepted'; revision: number } | { kind: 'queued' } | { kind: 'refused' };

export class EditSession {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly outbox = new Map<string, PatchEdit[]>();

  constructor(
    private readonly transport: EditTransport,
    private readonly events: EditSessionEvents,
  ) {}

  /** Edits waiting for the connection, for the patch open now. */
  get queuedEdits(): number {
    const name = useGraphStore.getState().document?.name;
    return name ? (this.outbox.get(name)?.length ?? 0) : 0;
  }

  submit(label: string, given: readonly PatchEdit[]): Promise<boolean> {
    return this.enqueue(async () => {
      const store = useGraphStore.getState();
      if (!store.document || given.length === 0) return false;
      // Inside an opened subpatch, module edits become one setSubpatch of its definition.
      const edits =
        store.openInstance === null ? given : editsInside(store.document.patch, store.openInstance, given);
      if (edits === undefined) return false;
      const entry: UndoEntry = {
        label,
        forward: [...edits],
        inverse: invertEdits(store.document.patch, edits, store.paramDefault),
      };
      const outcome = await this.send(store.document.name, entry.forward, label);
      if (outcome.kind === 'refused') return false;
      this.after(
        useGraphStore.getState().commit(entry, outcome.kind === 'accepted' ? outcome.revision : null),
      );
      return true;
    });
  }

  /**
   * Sends edits that are not undoable (the view saved with the patch: a probe toggle is not
   * a change to the strategy, and undo should not step through it).
   */
  submitUnrecorded(label: string, edits: readonly PatchEdit[]): Promise<boolean> {
    return this.enqueue(async () => {
      const document = useGraphStore.getState().document;
      if (!document || edits.length === 0) return false;
      const outcome = await this.send(document.name, edits, label);
      if (outcome.kind === 'refused') return false;
      const revision = outcome.kind === 'accepted' ? outcome.revision : null;
      this.after(useGraphStore.getState().applyUnrecorded(edits, revision));
      return true;
    });
  }

  undo(): Promise<boolean> {
    return this.enqueue(async () => {
      const store = useGraphStore.getState();
      const entry = store.undoStack.at(-1);
      if (!store.document || !entry) return false;
      const outcome = await this.send(store.document.name, entry.inverse, `undo ${entry.label}`);
      if (outcome.kind === 'refused') return false;
      this.after(useGraphStore.getState().undoApplied(outcome.kind === 'accepted' ? outcome.revision : null));
      return true;
    });
  }

  redo(): Promise<boolean> {
    return this.enqueue(async () => {
      const store = useGraphStore.getState();
      const entry = store.redoStack.at(-1);
      if (!store.document || !entry) return false;
      const outcome = await this.send(store.document.name, entry.forward, `redo ${entry.label}`);
      if (outcome.kind === 'refused') return false;
      this.after(useGraphStore.getState().redoApplied(outcome.kind === 'accepted' ? outcome.revision : null));
      return true;
    });
  }

  /** Sends what was edited offline as one group. Returns false when the server refused it. */
  flushOutbox(name: string): Promise<boolean> {
    return this.enqueue(async () => {
      const edits = this.outbox.get(name);
      if (!edits || edits.length === 0) return true;
      this.outbox.delete(name);
      try {
        const result = await this.transport.send(name, edits);
        if (!result.ok) this.events.refused(result.problems, `${edits.length} edits made offline`);
        return result.ok;
      } catch (error) {
        // Still offline: keep them for the next reconnect.
        this.outbox.set(name, [...edits, ...(this.outbox.get(name) ?? [])]);
        this.events.failed((error as Error).message, 'sending offline edits');
        return false;
      }
    });
  }

  /** Resolves when every edit submitted so far has been answered. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    // The count of unanswered edit groups is shown (and waited on by the browser tests).
    const status = useConnectionStore.getState();
    status.setPendingEdits(status.pendingEdits + 1);
    const run = this.chain.then(task, task).finally(() => {
      const current = useConnectionStore.getState();
      current.setPendingEdits(current.pendingEdits - 1);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async send(name: string, edits: readonly PatchEdit[], label: string): Promise<Outcome> {
    if (edits.length > 0 && this.transport.isConnected) {
      try {
        const result = await this.transport.send(name, edits);
        if (result.ok) return { kind: 'accepted', revision: result.revision };
        this.events.refused(result.problems, label);
        useGraphStore.getState().resyncNodes();
        return { kind: 'refused' };
      } catch (error) {
        // Connected but failed: a server error, not a lost connection; nothing was applied.
        if (this.transport.isConnected) {
          this.events.failed((error as Error).message, label);
          useGraphStore.getState().resyncNodes();
          return { kind: 'refused' };
        }
      }
    }
    if (edits.length > 0) this.outbox.set(name, [...(this.outbox.get(name) ?? []), ...edits]);
    return { kind: 'queued' };
  }

  private after(step: RevisionStep): void {
    if (step === 'gap') this.events.gap();
  }
}
