// Applying edits to a patch document: pure and atomic. A group of edits is applied to a copy
// and checked once at the end, so a paste or "delete selection" succeeds or changes nothing.
// Edits may not introduce a blocking problem; problems the patch already had do not stop them,
// so a quant can repair a broken patch one edit at a time.
import type { ModuleRegistry } from '../sdk/registry';
import { moduleIdLengthMax, parsePatch } from './schema';
import type { Cable, Patch, PatchEdit, Problem } from './types';
import { blockingProblems } from './types';
import { describeCable, validatePatch } from './validate';

export type ApplyEditsResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

export function applyEdits(
  patch: Patch,
  edits: readonly PatchEdit[],
  registry: ModuleRegistry,
): ApplyEditsResult {
  const next = structuredClone(patch);
  const editProblems: Problem[] = [];
  edits.forEach((edit, index) => {
    const problem = applyEdit(next, edit, registry);
    if (problem)
      editProblems.push({ ...problem, location: { ...problem.location, path: `edits[${index}]` } });
  });
  if (editProblems.length > 0) return { ok: false, problems: editProblems };
  const schema = parsePatch(next);
  if (!schema.ok) return schema;
  const before = new Set(validatePatch(patch, registry).map(problemKey));
  const introduced = blockingProblems(validatePatch(next, registry)).filter(
    (p) => !before.has(problemKey(p)),
  );
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
      const module = structuredClone(edit.module);
      if (registry.get(module.type)) module.params = registry.paramsWithDefaults(module.type, module.params);
      patch.modules.push(module);
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
      const module = patch.modules.find((candidate) => candidate.id === edit.moduleId);
      if (!module) return missingModule('moveModule', edit.moduleId);
      module.position = { x: edit.position.x, y: edit.position.y };
      return null;
    }
    case 'connect':
      patch.cables.push(structuredClone(edit.cable));
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
      const module = patch.modules.find((candidate) => candidate.id === edit.moduleId);
      if (!module) return missingModule('setParam', edit.moduleId);
      module.params = { ...module.params, [edit.param]: edit.value };
      return null;
    }
    case 'setMetadata':
      if (edit.name !== undefined) patch.name = edit.name;
      if (edit.description !== undefined) patch.description = edit.description;
      return null;
  }
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

/** Problems are compared by what they say, not by index: indices shift as cables come and go. */
function problemKey(problem: Problem): string {
  return `${problem.code}\u0000${problem.message}`;
}
