// A sweep row's params as patch edits: setParam for each swept param whose value differs from
// the patch's. "Apply" submits them as one undoable group; "open" backtests the patch they make
// (through applyEdit, the same function the editor shows accepted edits with).
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import { applyEdit } from '../editor/apply-edit';

/** `params` as `{ 'MODULE.PARAM': value }`; names whose module is gone are skipped. */
export function sweepParamEdits(patch: Patch, params: Readonly<Record<string, number>>): PatchEdit[] {
  const edits: PatchEdit[] = [];
  for (const [name, value] of Object.entries(params)) {
    const dot = name.lastIndexOf('.');
    const [moduleId, param] = [name.slice(0, dot), name.slice(dot + 1)];
    const module = patch.modules.find((m) => m.id === moduleId);
    if (!module || module.params[param] === value) continue;
    edits.push({ kind: 'setParam', moduleId, param, value });
  }
  return edits;
}

/** The patch with the row's params set. */
export function patchWithSweepParams(patch: Patch, params: Readonly<Record<string, number>>): Patch {
  return sweepParamEdits(patch, params).reduce(applyEdit, patch);
}
