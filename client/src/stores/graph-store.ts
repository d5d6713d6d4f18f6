// The graph document: the open patch as the server's working copy holds it, the catalog, the
// canvas elements derived from them, and the undo/redo history. Probe values live elsewhere
// (probe-store.ts) so a probe frame never touches this store.
import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { PatchDocument, VersionInfo } from '@patchdesk/modules/contracts/hubs';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import { applyEdits } from '../editor/apply-edit';
import { toFlowEdges, toFlowNodes } from '../editor/flow-elements';
import type { CableFlowEdge, ModuleFlowNode } from '../editor/flow-elements';
import { revisionStep } from '../editor/revision';
import type { RevisionStep } from '../editor/revision';
import { openedView, subpatchCatalog } from '../editor/subpatch-view';

export interface UndoEntry {
  label: string;
  forward: PatchEdit[];
  inverse: PatchEdit[];
}

/** Kept bounded so a long session does not grow without end. */
export const undoEntriesMax = 500;

export interface GraphState {
  catalog: Record<string, CatalogEntry>;
  catalogList: CatalogEntry[];
  document: PatchDocument | null;
  nodes: ModuleFlowNode[];
  edges: CableFlowEdge[];
  undoStack: UndoEntry[];
  redoStack: UndoEntry[];
  /** The subpatch instance opened in place (double-click), or null for the patch itself. */
  openInstance: string | null;
  /** What the canvas shows: the patch, or the opened instance's modules by path. */
  shownPatch: Patch | null;
  /** The catalog plus an entry per subpatch definition (`subpatch:ID`). */
  viewCatalog: Record<string, CatalogEntry>;

  /** Opens a subpatch instance in place, or goes back to the patch (null). */
  openSubpatch(instanceId: string | null): void;
  setCatalog(entries: readonly CatalogEntry[]): void;
  /** Replaces the document (open, refetch, restore); keeps the history only when asked. */
  loadDocument(document: PatchDocument, options?: { keepHistory?: boolean }): void;
  /**
   * Records an accepted edit group as undoable and applies it. `revision` is the server's
   * revision after it, or null when it was made offline and is queued.
   */
  commit(entry: UndoEntry, revision: number | null): RevisionStep;
  /** The top undo entry was accepted by the server: apply its inverse and move it to redo. */
  undoApplied(revision: number | null): RevisionStep;
  redoApplied(revision: number | null): RevisionStep;
  /** Edits another editor made (PatchHub `patchEdited`). */
  applyRemote(edits: readonly PatchEdit[], revision: number): RevisionStep;
  /** Our own edits that are not undoable (the view): accepted at `revision`, or queued (null). */
  applyUnrecorded(edits: readonly PatchEdit[], revision: number | null): RevisionStep;
  markSaved(version: VersionInfo): void;
  /** The copy now builds on this saved version (after merging with it). */
  setBaseVersion(version: number): void;
  /** Records a change the server already made (a restore) as undoable. */
  pushUndo(entry: UndoEntry): void;
  setDocumentName(name: string): void;

  onNodesChange(changes: NodeChange<ModuleFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<CableFlowEdge>[]): void;
  /** Rebuilds node positions from the document (after a refused move). */
  resyncNodes(): void;
  select(moduleIds: ReadonlySet<string>): void;
  paramDefault(moduleType: string, param: string): ParamValue | undefined;
}

function withPatch(state: GraphState, document: PatchDocument): Partial<GraphState> {
  const viewCatalog = document.patch.subpatches
    ? { ...state.catalog, ...subpatchCatalog(document.patch) }
    : state.catalog;
  // An opened instance that an edit (unmake, undo, another editor) removed closes itself.
  const opened = state.openInstance === null ? undefined : openedView(document.patch, state.openInstance);
  const shownPatch = opened ?? document.patch;
  return {
    document,
    openInstance: opened ? state.openInstance : null,
    shownPatch,
    viewCatalog,
    nodes: toFlowNodes(shownPatch, viewCatalog, state.nodes),
    edges: toFlowEdges(shownPatch, viewCatalog, state.edges),
  };
}

export const useGraphStore = create<GraphState>()((set, get) => {
  /** Applies edits unless the revision says they are already in; a gap still applies them. */
  const advance = (
    edits: readonly PatchEdit[],
    revision: number | null,
    extra: Partial<GraphState>,
  ): RevisionStep => {
    const state = get();
    const document = state.document;
    if (!document) return 'stale';
    const step = revision === null ? 'next' : revisionStep(document.revision, revision, edits.length);
    if (step === 'stale') {
      set(extra);
      return step;
    }
    const next: PatchDocument = {
      ...document,
      patch: applyEdits(document.patch, edits),
      revision: revision ?? document.revision,
      dirty: true,
    };
    set({ ...withPatch(state, next), ...extra });
    return step;
  };

  return {
    catalog: {},
    catalogList: [],
    document: null,
    nodes: [],
    edges: [],
    undoStack: [],
    redoStack: [],
    openInstance: null,
    shownPatch: null,
    viewCatalog: {},

    openSubpatch(instanceId) {
      const state = get();
      if (!state.document) return;
      // Fresh canvas elements: the two views share no nodes.
      set(withPatch({ ...state, openInstance: instanceId, nodes: [], edges: [] }, state.document));
    },

    setCatalog(entries) {
      const catalog = Object.fromEntries(entries.map((entry) => [entry.type, entry]));
      const state = get();
      set({ catalog, catalogList: [...entries] });
      if (state.document) set(withPatch({ ...state, catalog }, state.document));
    },

    loadDocument(document, options) {
      const state = get();
      const sameName = state.document?.name === document.name;
      // A different patch starts from fresh canvas elements; a refetch keeps selection and sizes.
      const base = sameName ? state : { ...state, nodes: [], edges: [], openInstance: null };
      const keep = options?.keepHistory === true && sameName;
      set({
        ...withPatch(base, document),
        undoStack: keep ? state.undoStack : [],
        redoStack: keep ? state.redoStack : [],
      });
    },

    commit(entry, revision) {
      const undoStack = [...get().undoStack, entry].slice(-undoEntriesMax);
      return advance(entry.forward, revision, { undoStack, redoStack: [] });
    },

    undoApplied(revision) {
      const { undoStack, redoStack } = get();
      const entry = undoStack.at(-1);
      if (!entry) return 'stale';
      return advance(entry.inverse, revision, {
        undoStack: undoStack.slice(0, -1),
        redoStack: [...redoStack, entry],
      });
    },

    redoApplied(revision) {
      const { undoStack, redoStack } = get();
      const entry = redoStack.at(-1);
      if (!entry) return 'stale';
      return advance(entry.forward, revision, {
        undoStack: [...undoStack, entry],
        redoStack: redoStack.slice(0, -1),
      });
    },

    applyRemote(edits, revision) {
      return advance(edits, revision, {});
    },

    applyUnrecorded(edits, revision) {
      return advance(edits, revision, {});
    },

    pushUndo(entry) {
      set({ undoStack: [...get().undoStack, entry].slice(-undoEntriesMax), redoStack: [] });
    },

    markSaved(version) {
      const document = get().document;
      if (!document) return;
      set({ document: { ...document, baseVersion: version.version, dirty: false } });
    },

    setBaseVersion(version) {
      const document = get().document;
      if (document) set({ document: { ...document, baseVersion: version } });
    },
    setDocumentName(name) {
      const document = get().document;
      if (!document) return;
      set({ document: { ...document, name, patch: { ...document.patch, name } } });
    },

    onNodesChange(changes) {
      set({ nodes: applyNodeChanges(changes, get().nodes) });
    },

    onEdgesChange(changes) {
      set({ edges: applyEdgeChanges(changes, get().edges) });
    },

    resyncNodes() {
      const { shownPatch, nodes } = get();
      if (!shownPatch) return;
      const positions = new Map(shownPatch.modules.map((module) => [module.id, module.position]));
      set({
        nodes: nodes.map((node) => {
          const position = positions.get(node.id);
          return position && (position.x !== node.position.x || position.y !== node.position.y)
            ? { ...node, position }
            : node;
        }),
      });
    },

    select(moduleIds) {
      set({
        nodes: get().nodes.map((node) =>
          node.selected === moduleIds.has(node.id) ? node : { ...node, selected: moduleIds.has(node.id) },
        ),
        edges: get().edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      });
    },

    paramDefault(moduleType, param) {
      return get().viewCatalog[moduleType]?.params.find((spec) => spec.name === param)?.defaultValue;
    },
  };
});
