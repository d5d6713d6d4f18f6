// Copy and paste of a selection. Only cables with both ends inside the selection travel with it;
// pasted modules get fresh ids and are offset so they do not hide the originals.
import type { Cable, Patch, PatchEdit, PatchModule } from '@patchdesk/modules/patch/types';
import { nextModuleId } from './module-ids';

export interface ClipboardContent {
  modules: PatchModule[];
  cables: Cable[];
}

export const pasteOffsetPx = 40;

export function copySelection(patch: Patch, selectedIds: ReadonlySet<string>): ClipboardContent {
  const modules = patch.modules.filter((module) => selectedIds.has(module.id));
  const cables = patch.cables.filter(
    (cable) => selectedIds.has(cable.from.module) && selectedIds.has(cable.to.module),
  );
  return { modules, cables };
}

export interface PasteResult {
  edits: PatchEdit[];
  /** Ids of the new modules, to select them after pasting. */
  moduleIds: string[];
}

export function pasteEdits(patch: Patch, clipboard: ClipboardContent, offsetPx = pasteOffsetPx): PasteResult {
  const taken = new Set(patch.modules.map((module) => module.id));
  const renamed = new Map<string, string>();
  const edits: PatchEdit[] = [];
  for (const module of clipboard.modules) {
    const id = nextModuleId(module.type, taken);
    taken.add(id);
    renamed.set(module.id, id);
    edits.push({
      kind: 'addModule',
      module: {
        id,
        type: module.type,
        params: { ...module.params },
        position: { x: module.position.x + offsetPx, y: module.position.y + offsetPx },
      },
    });
  }
  for (const cable of clipboard.cables) {
    const from = renamed.get(cable.from.module);
    const to = renamed.get(cable.to.module);
    if (!from || !to) continue;
    edits.push({
      kind: 'connect',
      cable: { from: { ...cable.from, module: from }, to: { ...cable.to, module: to } },
    });
  }
  return { edits, moduleIds: [...renamed.values()] };
}

/** Edits that delete the selected modules and cables; cables go first so undo restores them exactly. */
export function deleteEdits(
  patch: Patch,
  moduleIds: ReadonlySet<string>,
  cables: readonly Cable[],
): PatchEdit[] {
  const edits: PatchEdit[] = [];
  const seen = new Set<string>();
  const key = (cable: Cable): string =>
    `${cable.from.module}.${cable.from.port}>${cable.to.module}.${cable.to.port}`;
  const attached = patch.cables.filter(
    (cable) => moduleIds.has(cable.from.module) || moduleIds.has(cable.to.module),
  );
  for (const cable of [...cables, ...attached]) {
    if (seen.has(key(cable))) continue;
    seen.add(key(cable));
    edits.push({ kind: 'disconnect', cable });
  }
  for (const id of moduleIds) edits.push({ kind: 'removeModule', moduleId: id });
  return edits;
}
