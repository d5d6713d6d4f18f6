// The edits that turn one patch into another. Restoring a version replaces the whole working
// copy on the server; these edits let the editor undo and redo a restore like any other edit.
import type { Patch, PatchEdit, PatchModule } from '@patchdesk/modules/patch/types';
import { sameCable } from './apply-edit';

function sameParams(a: PatchModule, b: PatchModule): boolean {
  const keys = new Set([...Object.keys(a.params), ...Object.keys(b.params)]);
  for (const key of keys) if (a.params[key] !== b.params[key]) return false;
  return true;
}

export function editsBetween(from: Patch, to: Patch): PatchEdit[] {
  const fromById = new Map(from.modules.map((module) => [module.id, module]));
  const toById = new Map(to.modules.map((module) => [module.id, module]));
  const replaced = (id: string): boolean => {
    const before = fromById.get(id);
    const after = toById.get(id);
    return (
      before !== undefined &&
      after !== undefined &&
      (before.type !== after.type || !sameParams(before, after))
    );
  };
  // A module whose type changed is removed and added again; params are set individually otherwise.
  const typeChanged = (id: string): boolean => fromById.get(id)?.type !== toById.get(id)?.type;

  const edits: PatchEdit[] = [];
  for (const cable of from.cables) {
    if (!to.cables.some((other) => sameCable(cable, other))) edits.push({ kind: 'disconnect', cable });
  }
  for (const module of from.modules) {
    if (!toById.has(module.id) || typeChanged(module.id))
      edits.push({ kind: 'removeModule', moduleId: module.id });
  }
  for (const module of to.modules) {
    const before = fromById.get(module.id);
    if (!before || typeChanged(module.id)) {
      edits.push({ kind: 'addModule', module });
      continue;
    }
    if (replaced(module.id)) {
      for (const [param, value] of Object.entries(module.params)) {
        if (before.params[param] !== value)
          edits.push({ kind: 'setParam', moduleId: module.id, param, value });
      }
    }
    if (before.position.x !== module.position.x || before.position.y !== module.position.y) {
      edits.push({ kind: 'moveModule', moduleId: module.id, position: module.position });
    }
  }
  // Cables that a type change removed come back here too.
  const afterRemovals = from.cables.filter(
    (cable) =>
      to.cables.some((other) => sameCable(cable, other)) &&
      !typeChanged(cable.from.module) &&
      !typeChanged(cable.to.module),
  );
  for (const cable of to.cables) {
    if (!afterRemovals.some((other) => sameCable(cable, other))) edits.push({ kind: 'connect', cable });
  }
  // The name is the document's key and is changed by renamePatch, never by a restore.
  if (from.description !== to.description) edits.push({ kind: 'setMetadata', description: to.description });
  return edits;
}
