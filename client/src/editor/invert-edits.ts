// Undo as data: the inverse of a group of edits, computed against the patch they apply to, is
// itself a group of edits that the server applies atomically (applyEdits). Redo resends the group.
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import { applyEdit, cableTouches } from './apply-edit';

/** Default values by module type and param, for undoing a param the patch file had left out. */
export type ParamDefaults = (moduleType: string, param: string) => ParamValue | undefined;

function invertOne(patch: Patch, edit: PatchEdit, defaults: ParamDefaults): PatchEdit[] {
  switch (edit.kind) {
    case 'addModule':
      return patch.modules.some((module) => module.id === edit.module.id)
        ? []
        : [{ kind: 'removeModule', moduleId: edit.module.id }];
    case 'removeModule': {
      const module = patch.modules.find((candidate) => candidate.id === edit.moduleId);
      if (!module) return [];
      const cables = patch.cables.filter((cable) => cableTouches(cable, module.id));
      return [
        { kind: 'addModule', module },
        ...cables.map((cable): PatchEdit => ({ kind: 'connect', cable })),
      ];
    }
    case 'moveModule': {
      const module = patch.modules.find((candidate) => candidate.id === edit.moduleId);
      return module ? [{ kind: 'moveModule', moduleId: module.id, position: module.position }] : [];
    }
    case 'connect':
      return [{ kind: 'disconnect', cable: edit.cable }];
    case 'disconnect':
      return [{ kind: 'connect', cable: edit.cable }];
    case 'setParam': {
      const module = patch.modules.find((candidate) => candidate.id === edit.moduleId);
      if (!module) return [];
      const previous = module.params[edit.param] ?? defaults(module.type, edit.param);
      return previous === undefined
        ? []
        : [{ kind: 'setParam', moduleId: module.id, param: edit.param, value: previous }];
    }
    case 'setMetadata':
      return [
        {
          kind: 'setMetadata',
          ...(edit.name !== undefined ? { name: patch.name } : {}),
          ...(edit.description !== undefined ? { description: patch.description } : {}),
        },
      ];
    case 'setView':
      // Probe toggles are not on the undo stack; comment and group edits are, and undo puts back
      // the list they replaced.
      if (edit.view.comments !== undefined || edit.view.groups !== undefined)
        return [
          {
            kind: 'setView',
            view: {
              ...(edit.view.comments !== undefined ? { comments: patch.view?.comments ?? [] } : {}),
              ...(edit.view.groups !== undefined ? { groups: patch.view?.groups ?? [] } : {}),
            },
          },
        ];
      return [{ kind: 'setView', view: { probes: patch.view?.probes ?? [] } }];
    case 'setSubpatch': {
      const old = patch.subpatches?.find((subpatch) => subpatch.id === edit.subpatch.id);
      return [
        old
          ? { kind: 'setSubpatch', subpatch: old }
          : { kind: 'removeSubpatch', subpatchId: edit.subpatch.id },
      ];
    }
    case 'removeSubpatch': {
      const old = patch.subpatches?.find((subpatch) => subpatch.id === edit.subpatchId);
      return old ? [{ kind: 'setSubpatch', subpatch: old }] : [];
    }
  }
}

/** Edits that undo `edits` when applied to `applyEdits(patch, edits)`. */
export function invertEdits(patch: Patch, edits: readonly PatchEdit[], defaults: ParamDefaults): PatchEdit[] {
  const inverse: PatchEdit[][] = [];
  let current = patch;
  for (const edit of edits) {
    inverse.push(invertOne(current, edit, defaults));
    current = applyEdit(current, edit);
  }
  return inverse.reverse().flat();
}
