// What to mark on the canvas for a diff between two versions: modules added, removed, changed
// (type or params) or only moved, and the params that changed.
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';

export type ModuleChange = 'added' | 'removed' | 'changed' | 'moved';

export interface DiffHighlight {
  modules: Record<string, ModuleChange>;
  /** Keys `MODULE.PARAM` of params whose value differs. */
  params: Record<string, true>;
  /** Keys `FROM.PORT>TO.PORT` of cables added or removed. */
  cables: Record<string, 'added' | 'removed'>;
}

export const emptyHighlight: DiffHighlight = { modules: {}, params: {}, cables: {} };

export function cableKey(cable: {
  from: { module: string; port: string };
  to: { module: string; port: string };
}): string {
  return `${cable.from.module}.${cable.from.port}>${cable.to.module}.${cable.to.port}`;
}

export function diffHighlight(diff: PatchDiff): DiffHighlight {
  const modules: Record<string, ModuleChange> = {};
  const params: Record<string, true> = {};
  const cables: Record<string, 'added' | 'removed'> = {};
  // Weakest first, so a module both moved and changed shows as changed.
  for (const move of diff.moved) modules[move.moduleId] = 'moved';
  for (const change of diff.paramsChanged) {
    modules[change.moduleId] = 'changed';
    params[`${change.moduleId}.${change.param}`] = true;
  }
  for (const change of diff.typesChanged) modules[change.moduleId] = 'changed';
  for (const module of diff.modulesRemoved) modules[module.id] = 'removed';
  for (const module of diff.modulesAdded) modules[module.id] = 'added';
  for (const cable of diff.cablesRemoved) cables[cableKey(cable)] = 'removed';
  for (const cable of diff.cablesAdded) cables[cableKey(cable)] = 'added';
  return { modules, params, cables };
}

export function diffIsEmpty(diff: PatchDiff): boolean {
  return (
    diff.modulesAdded.length +
      diff.modulesRemoved.length +
      diff.paramsChanged.length +
      diff.typesChanged.length +
      diff.moved.length +
      diff.cablesAdded.length +
      diff.cablesRemoved.length +
      diff.metadataChanged.length ===
    0
  );
}
