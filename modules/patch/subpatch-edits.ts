// The setSubpatch and removeSubpatch edits, applied to applyEdits' private copy of a patch.
import { subpatchType } from './flatten';
import { patchSubpatchesMax } from './schema';
import type { Patch, Problem, Subpatch } from './types';

/** Adds the definition, or replaces the one with its id; instances pick the change up. */
export function setSubpatch(patch: Patch, subpatch: Subpatch): Problem | null {
  const subpatches = [...(patch.subpatches ?? [])];
  const index = subpatches.findIndex((candidate) => candidate.id === subpatch.id);
  if (index < 0 && subpatches.length >= patchSubpatchesMax) {
    return {
      code: 'SCHEMA_INVALID',
      message: `setSubpatch: a patch has at most ${patchSubpatchesMax} subpatches`,
      location: { path: 'subpatches' },
    };
  }
  if (index < 0) subpatches.push(structuredClone(subpatch));
  else subpatches[index] = structuredClone(subpatch);
  patch.subpatches = subpatches;
  return null;
}

/** Refused while an instance uses it: the instance would have nothing to run. */
export function removeSubpatch(patch: Patch, subpatchId: string): Problem | null {
  const subpatches = patch.subpatches ?? [];
  if (!subpatches.some((candidate) => candidate.id === subpatchId)) {
    return {
      code: 'SUBPATCH_INVALID',
      message: `removeSubpatch: there is no subpatch "${subpatchId}" in the patch`,
      location: { path: 'subpatches' },
    };
  }
  const user = patch.modules.find((module) => module.type === subpatchType(subpatchId));
  if (user) {
    return {
      code: 'SUBPATCH_INVALID',
      message: `removeSubpatch: module "${user.id}" is an instance of subpatch "${subpatchId}"; remove or unmake it first`,
      location: { moduleId: user.id },
    };
  }
  const rest = subpatches.filter((candidate) => candidate.id !== subpatchId);
  if (rest.length > 0) patch.subpatches = rest;
  else delete patch.subpatches;
  return null;
}
