// The commands behind the toolbar, the palette, the canvas and the keyboard. Each builds edits
// from the current document and hands them to the edit session.
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { mergePatches } from '@patchdesk/modules/patch/merge';
import type {
  Cable,
  Patch,
  PatchComment,
  PatchEdit,
  PatchGroup,
  Position,
} from '@patchdesk/modules/patch/types';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import type { Hubs } from '../hub/hubs';
import { layoutEdits } from '../editor/auto-layout';
import {
  addCommentEdit,
  moveCommentEdit,
  nextCommentId,
  removeCommentEdit,
  setCommentTextEdit,
} from '../editor/comment-edits';
import {
  addGroupEdit,
  moveGroupEdits,
  nextGroupId,
  removeGroupEdit,
  renameGroupEdit,
  resizeGroupEdit,
} from '../editor/group-edits';
import type { ModuleBox } from '../editor/group-edits';
import { copySelection, deleteEdits, pasteEdits } from '../editor/clipboard';
import type { ClipboardContent } from '../editor/clipboard';
import { diffHighlight } from '../editor/diff-highlight';
import { editsBetween } from '../editor/edits-between';
import { catalogPortTypes } from '../editor/catalog-port-types';
import { editsBetween as patchEditsBetween } from '@patchdesk/modules/patch/edits-between';
import { makeSubpatch, unmakeSubpatch } from '@patchdesk/modules/patch/make-subpatch';
import type { SubpatchEditResult } from '@patchdesk/modules/patch/make-subpatch';
import { nextModuleId } from '../editor/module-ids';
import { editView, withProbes } from '../editor/subpatch-view';
import type { EditView } from '../editor/subpatch-view';
import { useGraphStore } from '../stores/graph-store';
import { useMergeStore } from '../stores/merge-store';
import { usePatchListStore } from '../stores/patch-list-store';
import { useProbeStore } from '../stores/probe-store';
import { useUiStore } from '../stores/ui-store';
import { getCanvasApi } from './canvas-bridge';
import type { EditSession } from './edit-session';
import type { PatchSync } from './patch-sync';

const clipboardStorageKey = 'patchdesk.clipboard';
/** About a module's box before React Flow has measured it (it always has, once on screen). */
const unmeasuredModuleSize = { width: 180, height: 120 };

export class EditorActions {
  private clipboard: ClipboardContent | null = null;

  constructor(
    private readonly hub: Hubs['patch'],
    private readonly edits: EditSession,
    private readonly sync: PatchSync,
  ) {}

  private get document() {
    return useGraphStore.getState().document;
  }

  /** The patch the commands work on: the patch, or an opened subpatch's definition (see editView). */
  private get view(): EditView | null {
    const { document, openInstance } = useGraphStore.getState();
    return document ? editView(document.patch, openInstance) : null;
  }

  private selectedModuleIds(): Set<string> {
    return new Set(
      useGraphStore
        .getState()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id),
    );
  }

  async addModule(moduleType: string, position?: Position): Promise<string | null> {
    const view = this.view;
    const entry = useGraphStore.getState().catalog[moduleType];
    if (!view || !entry) return null;
    // Inside an opened subpatch the id is free among its modules and the canvas names it by path.
    const id = view.shownId(nextModuleId(moduleType, new Set(view.patch.modules.map((module) => module.id))));
    const at = position ?? getCanvasApi()?.centre() ?? { x: 0, y: 0 };
    const params = Object.fromEntries(entry.params.map((spec) => [spec.name, spec.defaultValue]));
    const module = { id, type: moduleType, params, position: { x: Math.round(at.x), y: Math.round(at.y) } };
    const ok = await this.edits.submit(`add ${id}`, [{ kind: 'addModule', module }]);
    if (ok) useGraphStore.getState().select(new Set([id]));
    return ok ? id : null;
  }

  connect(cable: Cable): Promise<boolean> {
    return this.edits.submit(`connect ${cable.from.module}.${cable.from.port}`, [{ kind: 'connect', cable }]);
  }

  setParam(moduleId: string, param: string, value: ParamValue): Promise<boolean> {
    return this.edits.submit(`set ${moduleId}.${param}`, [{ kind: 'setParam', moduleId, param, value }]);
  }

  /** After a drag: one undoable group for every node that moved. */
  moveModules(moved: readonly { id: string; position: Position }[]): Promise<boolean> {
    const document = this.document;
    if (!document) return Promise.resolve(false);
    const edits: PatchEdit[] = [];
    for (const { id, position } of moved) {
      // The shown patch: inside an opened subpatch the nodes are its modules, by path.
      const shown = useGraphStore.getState().shownPatch ?? document.patch;
      const module = shown.modules.find((candidate) => candidate.id === id);
      const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
      if (module && (module.position.x !== rounded.x || module.position.y !== rounded.y)) {
        edits.push({ kind: 'moveModule', moduleId: id, position: rounded });
      }
    }
    return this.edits.submit(
      edits.length === 1 ? `move ${moved[0].id}` : `move ${edits.length} modules`,
      edits,
    );
  }

  private get comments(): PatchComment[] {
    return this.document?.patch.view?.comments ?? [];
  }

  /** Comments belong to the patch itself, so they are added only outside an opened subpatch. */
  async addComment(position?: Position): Promise<string | null> {
    if (!this.document || useGraphStore.getState().openInstance !== null) return null;
    const id = nextCommentId(this.comments);
    const at = position ?? getCanvasApi()?.centre() ?? { x: 0, y: 0 };
    const ok = await this.edits.submit(`add ${id}`, [addCommentEdit(this.comments, id, at)]);
    return ok ? id : null;
  }

  setCommentText(id: string, text: string): Promise<boolean> {
    const edit = setCommentTextEdit(this.comments, id, text);
    return edit ? this.edits.submit(`edit ${id}`, [edit]) : Promise.resolve(false);
  }

  moveComment(id: string, position: Position): Promise<boolean> {
    const edit = moveCommentEdit(this.comments, id, position);
    return edit ? this.edits.submit(`move ${id}`, [edit]) : Promise.resolve(false);
  }

  deleteComment(id: string): Promise<boolean> {
    const edit = removeCommentEdit(this.comments, id);
    return edit ? this.edits.submit(`delete ${id}`, [edit]) : Promise.resolve(false);
  }

  private get groups(): PatchGroup[] {
    return this.document?.patch.view?.groups ?? [];
  }

  /** The modules on show as boxes; a node not measured yet counts as a typical module's size. */
  private moduleBoxes(onlySelected: boolean): ModuleBox[] {
    return useGraphStore
      .getState()
      .nodes.filter((node) => !onlySelected || node.selected)
      .map((node) => ({
        id: node.id,
        position: node.position,
        width: node.measured?.width ?? unmeasuredModuleSize.width,
        height: node.measured?.height ?? unmeasuredModuleSize.height,
      }));
  }

  /**
   * A frame around the selected modules, or of a default size at the canvas centre when none is
   * selected. Groups, like comments, belong to the patch itself, not an opened subpatch.
   */
  async addGroup(): Promise<string | null> {
    if (!this.document || useGraphStore.getState().openInstance !== null) return null;
    const id = nextGroupId(this.groups);
    const at = getCanvasApi()?.centre() ?? { x: 0, y: 0 };
    const ok = await this.edits.submit(`add ${id}`, [
      addGroupEdit(this.groups, id, this.moduleBoxes(true), at),
    ]);
    return ok ? id : null;
  }

  renameGroup(id: string, title: string): Promise<boolean> {
    const edit = renameGroupEdit(this.groups, id, title);
    return edit ? this.edits.submit(`rename ${id}`, [edit]) : Promise.resolve(false);
  }

  resizeGroup(id: string, size: { width: number; height: number }): Promise<boolean> {
    const edit = resizeGroupEdit(this.groups, id, size);
    return edit ? this.edits.submit(`resize ${id}`, [edit]) : Promise.resolve(false);
  }

  /**
   * The frame and the modules inside it, one undo step. A drag passes the modules' boxes from
   * when it began: by its end they have followed the pointer locally.
   */
  moveGroup(id: string, to: Position, boxes?: readonly ModuleBox[]): Promise<boolean> {
    const edits = moveGroupEdits(this.groups, id, to, boxes ?? this.moduleBoxes(false));
    return edits.length > 0 ? this.edits.submit(`move ${id}`, edits) : Promise.resolve(false);
  }

  /** The frame goes; its modules stay. */
  deleteGroup(id: string): Promise<boolean> {
    const edit = removeGroupEdit(this.groups, id);
    return edit ? this.edits.submit(`delete ${id}`, [edit]) : Promise.resolve(false);
  }

  deleteSelection(): Promise<boolean> {
    const { shownPatch, edges } = useGraphStore.getState();
    if (!shownPatch) return Promise.resolve(false);
    const cables = edges.filter((edge) => edge.selected && edge.data).map((edge) => edge.data!.cable);
    const edits = deleteEdits(shownPatch, this.selectedModuleIds(), cables);
    return this.edits.submit('delete selection', edits);
  }

  /** The selected modules become one subpatch instance in their place (one undoable group). */
  async makeSubpatch(): Promise<boolean> {
    const { openInstance, viewCatalog } = useGraphStore.getState();
    if (openInstance !== null) return false;
    const selected = [...this.selectedModuleIds()];
    const made = await this.restructure('make subpatch', (patch) =>
      makeSubpatch(patch, selected, catalogPortTypes(viewCatalog)),
    );
    if (made) useGraphStore.getState().select(new Set([made.instanceId]));
    return made !== null;
  }

  /** Puts an instance's modules back in its place (closing it first when it is open). */
  async unmakeSubpatch(instanceId: string): Promise<boolean> {
    if (useGraphStore.getState().openInstance !== null) useGraphStore.getState().openSubpatch(null);
    return (await this.restructure('unmake subpatch', (patch) => unmakeSubpatch(patch, instanceId))) !== null;
  }

  /**
   * Make or unmake, with the probes on show renamed by path: they are the panel's (perhaps the
   * defaults, not yet in the patch's view). The module edits are one undoable group; the probes
   * follow as a view change, which is never on the undo stack.
   */
  private async restructure(
    label: string,
    build: (patch: Patch) => SubpatchEditResult,
  ): Promise<{ instanceId: string } | null> {
    const document = this.document;
    if (!document) return null;
    const before = withProbes(document.patch, useProbeStore.getState().probes);
    const result = build(before);
    if (!result.ok) {
      useUiStore.getState().showToast('error', result.problems[0].message);
      return null;
    }
    const edits = patchEditsBetween(before, result.patch).filter((edit) => edit.kind !== 'setView');
    if (!(await this.edits.submit(label, edits))) return null;
    const probes = result.patch.view?.probes;
    if (probes) useProbeStore.getState().setProbes(probes);
    return { instanceId: result.instanceId };
  }

  copySelection(): number {
    const view = this.view;
    if (!view) return 0;
    const selected = new Set([...this.selectedModuleIds()].map((id) => view.innerId(id)));
    const content = copySelection(view.patch, selected);
    if (content.modules.length === 0) return 0;
    this.clipboard = content;
    try {
      localStorage.setItem(clipboardStorageKey, JSON.stringify(content));
    } catch {
      // Copy still works within this tab.
    }
    return content.modules.length;
  }

  async paste(): Promise<boolean> {
    const view = this.view;
    const content = this.clipboard ?? readStoredClipboard();
    if (!view || !content) return false;
    const { edits, moduleIds } = pasteEdits(view.patch, content);
    const ok = await this.edits.submit(`paste ${moduleIds.length} modules`, edits);
    if (ok) useGraphStore.getState().select(new Set(moduleIds.map((id) => view.shownId(id))));
    return ok;
  }

  selectAll(): void {
    const shown = useGraphStore.getState().shownPatch;
    if (shown) useGraphStore.getState().select(new Set(shown.modules.map((module) => module.id)));
  }

  async autoLayout(): Promise<boolean> {
    const view = this.view;
    const canvas = getCanvasApi();
    if (!view) return false;
    const ok = await this.edits.submit(
      'auto layout',
      layoutEdits(view.patch, (id) => canvas?.nodeSize(view.shownId(id))),
    );
    if (ok) setTimeout(() => getCanvasApi()?.fitView(), 50);
    return ok;
  }

  undo(): Promise<boolean> {
    return this.edits.undo();
  }

  redo(): Promise<boolean> {
    return this.edits.redo();
  }

  toggleProbe(key: string): void {
    useProbeStore.getState().toggleProbe(key);
  }

  async save(message: string): Promise<boolean> {
    const document = this.document;
    if (!document) return false;
    await this.edits.idle();
    try {
      const version = await this.hub.invoke('savePatch', document.name, message, document.baseVersion);
      useGraphStore.getState().markSaved(version);
      usePatchListStore.getState().addVersion(version);
      useUiStore.getState().showToast('info', `Saved version ${version.version}`, null);
      return true;
    } catch (error) {
      const refusal = (error as Error).message;
      // The server makes no version of an unchanged patch; that is news, not a failure.
      if (refusal.startsWith('nothing to save')) {
        useUiStore
          .getState()
          .showToast('info', `Nothing to save: ${refusal.replace(/^nothing to save: /, '')}`, null);
        return true; // handled: the dialog closes
      }
      // Someone saved (or restored) in between: offer a merge rather than only "restore and lose".
      if (refusal.includes('save was based on version')) return this.openMerge(message);
      useUiStore.getState().showToast('error', `Could not save: ${refusal}`, null);
      return false;
    }
  }

  /** Opens the merge view: the base our edits started from, and their newest version. */
  async openMerge(message: string): Promise<boolean> {
    const document = this.document;
    if (!document) return false;
    try {
      const versions = await this.hub.invoke('listVersions', document.name);
      const theirsVersion = versions.at(-1)?.version ?? 0;
      // A copy opened before any save started from the file, which the first save recorded as v1.
      const baseVersion = Math.max(document.baseVersion, 1);
      const [base, theirs] = await Promise.all([
        this.hub.invoke('getVersion', document.name, baseVersion),
        this.hub.invoke('getVersion', document.name, theirsVersion),
      ]);
      useMergeStore
        .getState()
        .start({ name: document.name, base, baseVersion, theirs, theirsVersion, message, choices: {} });
      useUiStore
        .getState()
        .showToast('info', `Version ${theirsVersion} was saved meanwhile: merge your edits with it`, null);
      return true;
    } catch (error) {
      useUiStore.getState().showToast('error', `Could not open the merge: ${(error as Error).message}`, null);
      return false;
    }
  }

  /** Applies the merge result to the working copy (one undoable group) and saves it on top of theirs. */
  async saveMerge(): Promise<boolean> {
    const merge = useMergeStore.getState().merge;
    const document = this.document;
    if (!merge || !document || document.name !== merge.name) return false;
    await this.edits.idle();
    const ours = useGraphStore.getState().document!.patch;
    const { patch } = mergePatches(merge.base, ours, merge.theirs, { choices: merge.choices });
    const edits = editsBetween(ours, patch);
    if (edits.length > 0 && !(await this.edits.submit(`merge with version ${merge.theirsVersion}`, edits)))
      return false;
    useGraphStore.getState().setBaseVersion(merge.theirsVersion);
    const saved = await this.save(merge.message || `merged with version ${merge.theirsVersion}`);
    if (saved) {
      useMergeStore.getState().close();
      useUiStore.getState().setHighlight(null);
    }
    return saved;
  }

  async loadVersions(): Promise<void> {
    const document = this.document;
    if (!document) return;
    usePatchListStore.getState().setVersions(await this.hub.invoke('listVersions', document.name));
  }

  async diff(fromVersion: number, toVersion: number): Promise<PatchDiff | null> {
    const document = this.document;
    if (!document) return null;
    try {
      const diff = await this.hub.invoke('diffVersions', document.name, fromVersion, toVersion);
      useUiStore.getState().setHighlight(diffHighlight(diff));
      return diff;
    } catch (error) {
      useUiStore.getState().showToast('error', `Could not diff: ${(error as Error).message}`, null);
      return null;
    }
  }

  /** Restores a saved version into the working copy; undoable like any edit. */
  async restore(version: number): Promise<boolean> {
    const document = this.document;
    if (!document) return false;
    await this.edits.idle();
    const before = document.patch;
    try {
      const restored = await this.hub.invoke('restoreVersion', document.name, version);
      this.sync.show(restored, true);
      useGraphStore.getState().pushUndo({
        label: `restore version ${version}`,
        forward: editsBetween(before, restored.patch),
        inverse: editsBetween(restored.patch, before),
      });
      useUiStore.getState().showToast('info', `Restored version ${version}`, null);
      return true;
    } catch (error) {
      useUiStore
        .getState()
        .showToast('error', `Could not restore version ${version}: ${(error as Error).message}`, null);
      return false;
    }
  }
}

function readStoredClipboard(): ClipboardContent | null {
  try {
    const raw = localStorage.getItem(clipboardStorageKey);
    return raw ? (JSON.parse(raw) as ClipboardContent) : null;
  } catch {
    return null;
  }
}
