// Keeps the open document in step with the server's working copy: opens patches, applies other
// editors' broadcasts, refetches on a revision gap, and resynchronises after a reconnect.
import type { PatchDocument, PatchSummary } from '@patchdesk/modules/contracts/hubs';
import type { Hubs } from '../hub/hubs';
import { useGraphStore } from '../stores/graph-store';
import { usePatchListStore } from '../stores/patch-list-store';
import type { EditSession } from './edit-session';
import type { ProbeSession } from './probe-session';

export interface PatchSyncEvents {
  error(message: string): void;
  info(message: string): void;
  /** The open patch changed (opened, renamed): the app mirrors it in the URL. */
  opened(name: string): void;
}

export class PatchSync {
  private wanted: string | null = null;

  constructor(
    private readonly hub: Hubs['patch'],
    private readonly edits: EditSession,
    private readonly probes: ProbeSession,
    private readonly events: PatchSyncEvents,
    /** Picks the patch to open when none is named yet. */
    private readonly initialPatch: (patches: readonly PatchSummary[]) => string | null,
  ) {}

  start(): () => void {
    const off = [
      this.hub.on('patchEdited', (name, edits, revision) => {
        if (name !== this.currentName) return;
        if (useGraphStore.getState().applyRemote(edits, revision) === 'gap') void this.refetch();
      }),
      this.hub.on('patchReplaced', (document) => {
        if (document.name !== this.currentName) return;
        useGraphStore.getState().loadDocument(document, { keepHistory: true });
      }),
      this.hub.on('patchSaved', (name, version) => {
        if (name !== this.currentName) return;
        useGraphStore.getState().markSaved(version);
        usePatchListStore.getState().addVersion(version);
      }),
      this.hub.onConnected(() => void this.resynchronise()),
    ];
    return () => off.forEach((unsubscribe) => unsubscribe());
  }

  get currentName(): string | null {
    return useGraphStore.getState().document?.name ?? this.wanted;
  }

  /** Opens a patch; false (with a message) when the server cannot. */
  async open(name: string): Promise<boolean> {
    this.wanted = name;
    if (!this.hub.isConnected) return false;
    try {
      const document = await this.hub.invoke('getPatch', name);
      this.show(document, false);
      await this.refreshLists();
      return true;
    } catch (error) {
      this.events.error(`Could not open patch "${name}": ${(error as Error).message}`);
      return false;
    }
  }

  async refetch(): Promise<void> {
    const name = this.currentName;
    if (!name || !this.hub.isConnected) return;
    try {
      useGraphStore.getState().loadDocument(await this.hub.invoke('getPatch', name), { keepHistory: true });
    } catch (error) {
      this.events.error(`Could not reload patch "${name}": ${(error as Error).message}`);
    }
  }

  /** Shows a document the server returned (create, rename, restore). */
  show(document: PatchDocument, keepHistory: boolean): void {
    this.wanted = document.name;
    useGraphStore.getState().loadDocument(document, { keepHistory });
    this.probes.loadForPatch(document);
    this.events.opened(document.name);
  }

  async refreshLists(): Promise<void> {
    const name = this.currentName;
    const [patches, versions] = await Promise.all([
      this.hub.invoke('listPatches'),
      name ? this.hub.invoke('listVersions', name) : Promise.resolve([]),
    ]);
    usePatchListStore.getState().setPatches(patches);
    usePatchListStore.getState().setVersions(versions);
  }

  private async resynchronise(): Promise<void> {
    try {
      useGraphStore.getState().setCatalog(await this.hub.invoke('getCatalog'));
      const current = useGraphStore.getState().document?.name ?? null;
      if (current) {
        // Edits made while offline go first, then the server's copy is the truth again.
        const queued = this.edits.queuedEdits;
        await this.edits.flushOutbox(current);
        await this.refetch();
        await this.refreshLists();
        if (queued > 0) this.events.info(`Sent ${queued} edits made while offline`);
        return;
      }
      const patches = await this.hub.invoke('listPatches');
      usePatchListStore.getState().setPatches(patches);
      const name = this.wanted ?? this.initialPatch(patches);
      if (!name) {
        await this.create('untitled');
        return;
      }
      // A stale link (?patch= of a deleted patch) still lands on a patch rather than an empty page.
      if (!(await this.open(name))) {
        const fallback = patches.find((patch) => patch.running)?.name ?? patches[0]?.name;
        if (fallback && fallback !== name) await this.open(fallback);
      }
    } catch (error) {
      this.events.error(`Could not synchronise with the server: ${(error as Error).message}`);
    }
  }

  async create(name: string, description?: string): Promise<boolean> {
    try {
      // Always a string: SignalR sends a missing argument as null, which the hub refuses.
      this.show(await this.hub.invoke('createPatch', name, description ?? ''), false);
      await this.refreshLists();
      return true;
    } catch (error) {
      this.events.error(`Could not create patch "${name}": ${(error as Error).message}`);
      return false;
    }
  }

  async rename(newName: string): Promise<boolean> {
    const name = this.currentName;
    if (!name) return false;
    try {
      const renamed = await this.hub.invoke('renamePatch', name, newName);
      this.show(renamed, true);
      await this.refreshLists();
      return true;
    } catch (error) {
      this.events.error(`Could not rename "${name}" to "${newName}": ${(error as Error).message}`);
      return false;
    }
  }
}
