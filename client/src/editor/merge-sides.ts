// What each side of a merge conflict says, in a few words for the merge view's columns.
import type { MergeConflict, MergeSide } from '@patchdesk/modules/patch/merge-types';
import type { Cable, PatchModule } from '@patchdesk/modules/patch/types';

const cableText = (cable: Cable | undefined): string =>
  cable ? `${cable.from.module}.${cable.from.port}` : 'not connected';
const moduleText = (module: PatchModule | undefined): string =>
  module
    ? `${module.type} ${Object.entries(module.params)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' ')}`.trim()
    : 'deleted';
const valueText = (value: unknown): string => (value === undefined ? 'removed' : String(value));

/** The value a side holds in a conflict; `null` when the conflict has no sides to choose from. */
export function conflictSideText(conflict: MergeConflict, side: MergeSide): string | null {
  switch (conflict.kind) {
    case 'metadata':
    case 'param':
    case 'type':
      return valueText(conflict[side]);
    case 'input':
      return cableText(conflict[side]);
    case 'deleteEdit':
    case 'addAdd':
      return moduleText(conflict[side]);
    case 'subpatch':
      return conflict[side] ? `subpatch ${conflict[side].title}` : 'deleted';
    case 'danglingCable':
    case 'invalidResult':
      return null;
  }
}

/** The module a conflict is about, to outline on the canvas. */
export function conflictModule(conflict: MergeConflict): string | null {
  switch (conflict.kind) {
    case 'param':
    case 'type':
    case 'deleteEdit':
    case 'addAdd':
      return conflict.moduleId;
    case 'input':
      return conflict.input.split('.')[0] ?? null;
    case 'danglingCable':
      return conflict.cable.to.module;
    default:
      return null;
  }
}
