// The server-side working copy of each open patch: what every editor of it sees. Edits apply
// here (checked by applyEdits: a refused edit changes nothing), each accepted group bumps the
// revision, and the copy is written to the store as a draft a moment later, so unsaved edits
// survive a restart. Saving makes a store version; restoring replaces the copy.
import type { Logger } from 'pino';
import type { EditResult, PatchDocument, PatchSummary, VersionInfo } from '@patchdesk/modules/contracts/hubs';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { applyEdits } from '@patchdesk/modules/patch/edits';
import { patchSchemaVersion } from '@patchdesk/modules/patch/types';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { NothingToSaveError, PatchExistsError } from './errors';
import { KeyedMutex } from './keyed-mutex';
import type { PatchStore } from './patch-store';

/** Edits in one call; a paste of a large selection stays well below it. */
export const editsPerCallMax = 5_000;

export type WorkingCopyChange =
  | { kind: 'edited'; document: PatchDocument; edits: readonly PatchEdit[] }
  | { kind: 'replaced'; document: PatchDocument; previousName: string }
  | { kind: 'saved'; document: PatchDocument; version: VersionInfo };

export type WorkingCopyListener = (change: WorkingCopyChange) => void;

export interface WorkingCopiesOptions {
  store: PatchStore;
  registry: ModuleRegistry;
  logger: Logger;
  /** Quiet time after the last edit before the draft is written. */
  draftDelayMs?: number;
}

interface Entry {
  name: string;
  patch: Patch;
  baseVersion: number;
  revision: number;
  dirty: boolean;
  cancelDraft: (() => void) | null;
}

export class WorkingCopies {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<WorkingCopyListener>();
  private readonly mutex = new KeyedMutex();
  private readonly pendingDrafts = new Set<Promise<void>>();
  private readonly draftDelayMs: number;

  constructor(private readonly options: WorkingCopiesOptions) {
    this.draftDelayMs = options.draftDelayMs ?? 500;
  }

  /** Hears every accepted change (the run manager hot-patches running patches from it). */
  subscribe(listener: WorkingCopyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every patch in the store; `running` is left false for the caller to fill in. */
  async list(): Promise<PatchSummary[]> {
    const summaries: PatchSummary[] = [];
    for (const entry of await this.options.store.list()) {
      const open = this.entries.get(entry.name);
      const dirty = open ? open.dirty : entry.error === undefined && (await this.hasDraft(entry.name));
      const description = open ? open.patch.description : entry.description;
      const summary: PatchSummary = {
        name: entry.name,
        description,
        latestVersion: entry.latestVersion,
        dirty,
        running: false,
      };
      if (entry.error !== undefined) summary.error = entry.error;
      summaries.push(summary);
    }
    return summaries;
  }

  /** The working copy, loaded from the draft (unsaved edits) or else the newest content. */
  async get(name: string): Promise<PatchDocument> {
    return this.mutex.run([name], async () => documentOf(await this.load(name)));
  }

  /** The loaded copy's patch, without a store read; null when the patch is not open. */
  peek(name: string): PatchDocument | null {
    const entry = this.entries.get(name);
    return entry ? documentOf(entry) : null;
  }

  async create(name: string, description = ''): Promise<PatchDocument> {
    return this.mutex.run([name], async () => {
      const { store } = this.options;
      if (this.entries.has(name) || (await store.exists(name))) throw new PatchExistsError(name);
      const patch: Patch = { schemaVersion: patchSchemaVersion, name, description, modules: [], cables: [] };
      const version = await store.save(name, patch, { message: 'created', baseVersion: 0 });
      const entry: Entry = {
        name,
        patch,
        baseVersion: version.version,
        revision: 0,
        dirty: false,
        cancelDraft: null,
      };
      this.entries.set(name, entry);
      return documentOf(entry);
    });
  }

  /** Applies a group of edits atomically; a refusal changes nothing and says why. */
  async applyEdits(name: string, edits: readonly PatchEdit[]): Promise<EditResult> {
    if (edits.length > editsPerCallMax) {
      return {
        ok: false,
        problems: [
          {
            code: 'SCHEMA_INVALID',
            message: `at most ${editsPerCallMax} edits per call, got ${edits.length}`,
            location: {},
          },
        ],
      };
    }
    return this.mutex.run([name], async () => {
      const entry = await this.load(name);
      const result = applyEdits(entry.patch, edits, this.options.registry);
      if (!result.ok) return { ok: false, problems: result.problems };
      entry.patch = result.patch;
      entry.revision++;
      entry.dirty = true;
      this.scheduleDraft(entry);
      this.emit({ kind: 'edited', document: documentOf(entry), edits });
      return { ok: true, revision: entry.revision };
    });
  }

  /**
   * Saves the copy as a new version; `baseVersion` must still be the newest (else
   * VersionConflictError), and the copy must differ from the newest content (else NothingToSaveError).
   */
  async save(
    name: string,
    message: string,
    baseVersion: number,
  ): Promise<{ document: PatchDocument; version: VersionInfo }> {
    return this.mutex.run([name], async () => {
      const entry = await this.load(name);
      await this.refuseUnchanged(entry, baseVersion);
      const version = await this.options.store.save(name, entry.patch, { message, baseVersion });
      entry.baseVersion = version.version;
      await this.markClean(entry);
      const document = documentOf(entry);
      this.emit({ kind: 'saved', document, version });
      return { document, version };
    });
  }

  async versions(name: string): Promise<VersionInfo[]> {
    return this.options.store.versions(name);
  }

  /** The content of a saved version, as the store has it. */
  async version(name: string, version: number): Promise<Patch> {
    return this.options.store.get(name, version);
  }

  async diff(name: string, fromVersion: number, toVersion: number): Promise<PatchDiff> {
    return this.options.store.diff(name, fromVersion, toVersion);
  }

  /** Saves an old version's content as the newest version and makes it the working copy. */
  async restore(name: string, version: number): Promise<{ document: PatchDocument; version: VersionInfo }> {
    return this.mutex.run([name], async () => {
      const entry = await this.load(name);
      const info = await this.options.store.restore(name, version);
      entry.patch = await this.options.store.get(name, info.version);
      entry.baseVersion = info.version;
      entry.revision++;
      await this.markClean(entry);
      const document = documentOf(entry);
      this.emit({ kind: 'replaced', document, previousName: name });
      return { document, version: info };
    });
  }

  /** Moves the patch (file, history, draft) to a new name; the content's display name stays. */
  async rename(name: string, newName: string): Promise<PatchDocument> {
    return this.mutex.run([name, newName], async () => {
      const entry = await this.load(name);
      if (name !== newName && this.entries.has(newName)) throw new PatchExistsError(newName);
      await this.writeDraftNow(entry); // so the store moves the newest edits with the rest
      await this.options.store.rename(name, newName);
      this.entries.delete(name);
      entry.name = newName;
      entry.revision++;
      this.entries.set(newName, entry);
      const document = documentOf(entry);
      this.emit({ kind: 'replaced', document, previousName: name });
      return document;
    });
  }

  /** Writes every pending draft now (shutdown) and waits for drafts already being written. */
  async flush(): Promise<void> {
    const writes = [...this.entries.values()]
      .filter((entry) => entry.cancelDraft)
      .map((entry) => this.writeDraftNow(entry));
    await Promise.all([...writes, ...this.pendingDrafts]);
  }

  /** Same bytes as the newest content, on the newest version: saving would only repeat it. */
  private async refuseUnchanged(entry: Entry, baseVersion: number): Promise<void> {
    const { store } = this.options;
    const newest = (await store.versions(entry.name)).at(-1)?.version ?? 0;
    if (baseVersion !== newest) return; // the store refuses it as a conflict
    if (serializePatch(await store.get(entry.name)) === serializePatch(entry.patch))
      throw new NothingToSaveError(entry.name, newest);
  }

  private async load(name: string): Promise<Entry> {
    const known = this.entries.get(name);
    if (known) return known;
    const { store } = this.options;
    // versions() throws PatchNotFoundError for an unknown name, before anything else is read
    const baseVersion = (await store.versions(name)).length;
    const draft = await store.getDraft(name);
    const patch = draft ?? (await store.get(name));
    const entry: Entry = { name, patch, baseVersion, revision: 0, dirty: draft !== null, cancelDraft: null };
    this.entries.set(name, entry);
    return entry;
  }

  private async hasDraft(name: string): Promise<boolean> {
    try {
      return (await this.options.store.getDraft(name)) !== null;
    } catch {
      return false; // an unreadable draft is reported when the patch is opened
    }
  }

  private scheduleDraft(entry: Entry): void {
    entry.cancelDraft?.();
    const timer = setTimeout(() => void this.trackDraft(entry), this.draftDelayMs);
    entry.cancelDraft = () => clearTimeout(timer);
  }

  private trackDraft(entry: Entry): Promise<void> {
    const write = this.mutex.run([entry.name], () => this.writeDraftNow(entry));
    this.pendingDrafts.add(write);
    void write.finally(() => this.pendingDrafts.delete(write));
    return write;
  }

  /** Caller holds the entry's lock, or is flush() (where a second write is harmless). */
  private async writeDraftNow(entry: Entry): Promise<void> {
    entry.cancelDraft?.();
    entry.cancelDraft = null;
    if (!entry.dirty) return;
    try {
      await this.options.store.saveDraft(entry.name, entry.patch);
    } catch (error) {
      this.options.logger.error({ err: error, patch: entry.name }, 'could not write the draft of a patch');
    }
  }

  private async markClean(entry: Entry): Promise<void> {
    entry.cancelDraft?.();
    entry.cancelDraft = null;
    entry.dirty = false;
    await this.options.store.discardDraft(entry.name);
  }

  private emit(change: WorkingCopyChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.logger.error(
          { err: error, patch: change.document.name },
          'a working-copy listener failed',
        );
      }
    }
  }
}

function documentOf(entry: Entry): PatchDocument {
  return {
    name: entry.name,
    patch: entry.patch,
    baseVersion: entry.baseVersion,
    revision: entry.revision,
    dirty: entry.dirty,
  };
}
