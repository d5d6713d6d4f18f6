// Applying edits to a patch document: pure and atomic. A group of edits is applied to a copy
// and checked once at the end, so a paste or "delete selection" succeeds or changes nothing.
// Edits may not introduce a blocking problem; problems the patch already had do not stop them,
// so a quant can repair a broken patch one edit at a time.
import type { ModuleRegistry } from '../sdk/registry';
import { patchEditSchema } from './edit-schema';
import { forbiddenKeyProblems } from './forbidden-keys';
import { moduleIdLengthMax, patchCablesMax, patchModulesMax, schemaProblems } from './schema';
import { removeSubpatch, setSubpatch } from './subpatch-edits';
import type { Cable, Patch, PatchEdit, PatchPaneLayout, PatchView, Problem } from './types';
import { blockingProblems, isLayoutEdit } from './types';
import { describeCable, validatePatch } from './validate';

export type ApplyEditsResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

/**
 * Apply `edits` in order to a new patch, or refuse them all. The input is never changed; the
 * result shares the modules and cables it did not edit with the input, so treat both as values.
 */
export function applyEdits(
  patch: Patch,
  edits: readonly PatchEdit[],
  registry: ModuleRegistry,
): ApplyEditsResult {
  // Copy on write: the arrays are new, and an edited module is replaced, never changed in place.
  const next: Patch = { ...patch, modules: [...patch.modules], cables: [...patch.cables] };
  const editProblems: Problem[] = [];
  edits.forEach((edit, index) => {
    // Keys like "__proto__" first: the schema would drop them and the edit would lose data.
    const forbidden = forbiddenKeyProblems(edit, ['edits', index]);
    const checked = patchEditSchema.safeParse(edit);
    if (!checked.success || forbidden.length > 0) {
      editProblems.push(
        ...forbidden,
        ...(checked.success ? [] : schemaProblems(checked.error.issues, ['edits', index])),
      );
      return;
    }
    const problem = applyEdit(next, edit, registry);
    if (problem)
      editProblems.push({ ...problem, location: { ...problem.location, path: `edits[${index}]` } });
  });
  editProblems.push(...sizeProblems(next));
  if (editProblems.length > 0) return { ok: false, problems: editProblems };
  // Validation reads neither positions, the view nor metadata: a drag on a large patch stays cheap.
  if (edits.every((edit) => isLayoutEdit(edit) || edit.kind === 'setMetadata')) {
    return { ok: true, patch: next };
  }
  const blocking = blockingProblems(validatePatch(next, registry));
  if (blocking.length === 0) return { ok: true, patch: next };
  const before = new Set(validatePatch(patch, registry).map(problemKey));
  const introduced = blocking.filter((problem) => !before.has(problemKey(problem)));
  if (introduced.length > 0) return { ok: false, problems: introduced };
  return { ok: true, patch: next };
}

/** A readable id not yet used in the patch: `ema`, then `ema2`, `ema3`, ... */
export function newModuleId(patch: Patch, type: string): string {
  const taken = new Set(patch.modules.map((module) => module.id));
  const lastSegment = type.split('/').pop() ?? '';
  const base = lastSegment.replace(/[^A-Za-z0-9_-]/g, '').slice(0, moduleIdLengthMax - 6) || 'module';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Mutates `patch` (a private copy); returns a problem when the edit names something missing. */
function applyEdit(patch: Patch, edit: PatchEdit, registry: ModuleRegistry): Problem | null {
  switch (edit.kind) {
    case 'addModule': {
      const { id, type, params, position } = edit.module;
      const filled = registry.get(type) ? registry.paramsWithDefaults(type, params) : { ...params };
      patch.modules.push({ id, type, params: filled, position: { x: position.x, y: position.y } });
      return null;
    }
    case 'removeModule': {
      const index = patch.modules.findIndex((module) => module.id === edit.moduleId);
      if (index < 0) return missingModule('removeModule', edit.moduleId);
      patch.modules.splice(index, 1);
      patch.cables = patch.cables.filter(
        (cable) => cable.from.module !== edit.moduleId && cable.to.module !== edit.moduleId,
      );
      return null;
    }
    case 'moveModule': {
      const index = patch.modules.findIndex((candidate) => candidate.id === edit.moduleId);
      if (index < 0) return missingModule('moveModule', edit.moduleId);
      patch.modules[index] = {
        ...patch.modules[index],
        position: { x: edit.position.x, y: edit.position.y },
      };
      return null;
    }
    case 'connect':
      patch.cables.push({ from: { ...edit.cable.from }, to: { ...edit.cable.to } });
      return null;
    case 'disconnect': {
      const index = patch.cables.findIndex((cable) => sameCable(cable, edit.cable));
      if (index < 0) {
        return {
          code: 'UNKNOWN_CABLE',
          message: `disconnect: there is no cable ${describeCable(edit.cable)}`,
          location: { moduleId: edit.cable.to.module, port: edit.cable.to.port },
        };
      }
      patch.cables.splice(index, 1);
      return null;
    }
    case 'setParam': {
      const index = patch.modules.findIndex((candidate) => candidate.id === edit.moduleId);
      if (index < 0) return missingModule('setParam', edit.moduleId);
      const module = patch.modules[index];
      patch.modules[index] = { ...module, params: { ...module.params, [edit.param]: edit.value } };
      return null;
    }
    case 'setMetadata':
      if (edit.name !== undefined) patch.name = edit.name;
      if (edit.description !== undefined) patch.description = edit.description;
      return null;
    case 'setView':
      patch.view = { ...patch.view, ...copyView(edit.view) };
      return null;
    case 'setSubpatch':
      return setSubpatch(patch, edit.subpatch);
    case 'removeSubpatch':
      return removeSubpatch(patch, edit.subpatchId);
  }
}

function copyView(view: PatchView): PatchView {
  return {
    ...(view.probes === undefined ? {} : { probes: [...view.probes] }),
    ...(view.panes === undefined ? {} : { panes: copyPanes(view.panes) }),
    ...(view.comments === undefined
      ? {}
      : { comments: view.comments.map((c) => ({ ...c, position: { ...c.position } })) }),
    ...(view.groups === undefined
      ? {}
      : { groups: view.groups.map((g) => ({ ...g, position: { ...g.position }, size: { ...g.size } })) }),
  };
}

function copyPanes(panes: PatchPaneLayout): PatchPaneLayout {
  return {
    order: [...panes.order],
    collapsed: [...panes.collapsed],
    ...(panes.heightPx === undefined ? {} : { heightPx: panes.heightPx }),
  };
}

function missingModule(kind: string, moduleId: string): Problem {
  return {
    code: 'UNKNOWN_MODULE',
    message: `${kind}: there is no module "${moduleId}" in the patch`,
    location: { moduleId },
  };
}

function sameCable(a: Cable, b: Cable): boolean {
  return (
    a.from.module === b.from.module &&
    a.from.port === b.from.port &&
    a.to.module === b.to.module &&
    a.to.port === b.to.port
  );
}

function sizeProblems(patch: Patch): Problem[] {
  const problems: Problem[] = [];
  if (patch.modules.length > patchModulesMax) {
    problems.push({
      code: 'SCHEMA_INVALID',
      message: `a patch has at most ${patchModulesMax} modules; this edit would make ${patch.modules.length}`,
      location: { path: 'modules' },
    });
  }
  if (patch.cables.length > patchCablesMax) {
    problems.push({
      code: 'SCHEMA_INVALID',
      message: `a patch has at most ${patchCablesMax} cables; this edit would make ${patch.cables.length}`,
      location: { path: 'cables' },
    });
  }
  return problems;
}

/** Problems are compared by what they say, not by index: indices shift as cables come and go. */
function problemKey(problem: Problem): string {
  return `${problem.code}\u0000${problem.message}`;
}
