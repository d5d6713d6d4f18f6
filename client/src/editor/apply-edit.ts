// Applies PatchEdits to a patch the way the server's working copy does, so the editor can show an
// accepted edit (or one queued while offline) without refetching. Pure and structurally sharing:
// untouched modules keep their object identity, which lets the canvas skip re-rendering them.
import type { Cable, Patch, PatchEdit, PatchModule } from '@patchdesk/modules/patch/types';

export function sameCable(a: Cable, b: Cable): boolean {
  return (
    a.from.module === b.from.module &&
    a.from.port === b.from.port &&
    a.to.module === b.to.module &&
    a.to.port === b.to.port
  );
}

export function cableTouches(cable: Cable, moduleId: string): boolean {
  return cable.from.module === moduleId || cable.to.module === moduleId;
}

function replaceModule(patch: Patch, moduleId: string, change: (module: PatchModule) => PatchModule): Patch {
  const index = patch.modules.findIndex((module) => module.id === moduleId);
  if (index < 0) return patch;
  const modules = patch.modules.slice();
  modules[index] = change(modules[index]);
  return { ...patch, modules };
}

export function applyEdit(patch: Patch, edit: PatchEdit): Patch {
  switch (edit.kind) {
    case 'addModule':
      if (patch.modules.some((module) => module.id === edit.module.id)) return patch;
      return { ...patch, modules: [...patch.modules, edit.module] };
    case 'removeModule':
      // Removing a module takes its cables with it, as on the server.
      return {
        ...patch,
        modules: patch.modules.filter((module) => module.id !== edit.moduleId),
        cables: patch.cables.filter((cable) => !cableTouches(cable, edit.moduleId)),
      };
    case 'moveModule':
      return replaceModule(patch, edit.moduleId, (module) => ({ ...module, position: { ...edit.position } }));
    case 'connect':
      if (patch.cables.some((cable) => sameCable(cable, edit.cable))) return patch;
      return { ...patch, cables: [...patch.cables, edit.cable] };
    case 'disconnect':
      return { ...patch, cables: patch.cables.filter((cable) => !sameCable(cable, edit.cable)) };
    case 'setParam':
      return replaceModule(patch, edit.moduleId, (module) => ({
        ...module,
        params: { ...module.params, [edit.param]: edit.value },
      }));
    case 'setMetadata':
      return {
        ...patch,
        name: edit.name ?? patch.name,
        description: edit.description ?? patch.description,
      };
    case 'setView':
      return { ...patch, view: { ...patch.view, ...edit.view } };
    case 'setSubpatch': {
      const others = (patch.subpatches ?? []).filter((subpatch) => subpatch.id !== edit.subpatch.id);
      const index = (patch.subpatches ?? []).findIndex((subpatch) => subpatch.id === edit.subpatch.id);
      const subpatches =
        index < 0
          ? [...others, edit.subpatch]
          : (patch.subpatches ?? []).map((s, i) => (i === index ? edit.subpatch : s));
      return { ...patch, subpatches };
    }
    case 'removeSubpatch': {
      const subpatches = (patch.subpatches ?? []).filter((subpatch) => subpatch.id !== edit.subpatchId);
      const { subpatches: _removed, ...rest } = patch;
      return subpatches.length > 0 ? { ...rest, subpatches } : rest;
    }
  }
}

export function applyEdits(patch: Patch, edits: readonly PatchEdit[]): Patch {
  let next = patch;
  for (const edit of edits) next = applyEdit(next, edit);
  return next;
}
