// Subpatches in the editor, pure: catalog entries for `subpatch:ID` instances (their inlets and
// outlets as ports), the view of an opened instance (its modules, ids as paths `INSTANCE/INNER`
// so probes and live values reach them as the kernel names them), and the translation of
// edits made in that view into one setSubpatch edit of the definition. Subpatches nest: an
// instance inside an opened one opens in turn, its path `OUTER/INNER`, its modules `OUTER/INNER/ID`.
import {
  isSubpatchType,
  pathOf,
  subpatchIdOf,
  subpatchPathSeparator,
  subpatchType,
} from '@patchdesk/modules/patch/flatten';
import type { Patch, PatchEdit, PortRef, Subpatch } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import { applyEdits } from './apply-edit';

/** Catalog entries for the patch's subpatch definitions, by instance type. */
export function subpatchCatalog(patch: Patch): Record<string, CatalogEntry> {
  const entries: Record<string, CatalogEntry> = {};
  for (const subpatch of patch.subpatches ?? []) {
    entries[subpatchType(subpatch.id)] = {
      type: subpatchType(subpatch.id),
      category: 'logic',
      title: subpatch.title || subpatch.id,
      description: `Subpatch of ${subpatch.modules.length} modules; double-click to open it.`,
      inputs: subpatch.inlets.map((inlet) => ({
        name: inlet.name,
        type: inlet.type,
        required: false,
        description: '',
      })),
      outputs: subpatch.outlets.map((outlet) => ({
        name: outlet.name,
        type: outlet.type,
        required: false,
        description: '',
      })),
      params: [],
      feed: null,
      breaksCycles: false,
    };
  }
  return entries;
}

/**
 * The definition of the instance at `instancePath`: a top-level instance id (`sig`), or a path
 * through nested instances (`sig/s`), each step an instance inside the definition before it.
 */
export function definitionOf(patch: Patch, instancePath: string): Subpatch | undefined {
  let modules = patch.modules;
  let definition: Subpatch | undefined;
  for (const step of instancePath.split(subpatchPathSeparator)) {
    const instance = modules.find((module) => module.id === step);
    if (!instance || !isSubpatchType(instance.type)) return undefined;
    definition = patch.subpatches?.find((subpatch) => subpatch.id === subpatchIdOf(instance.type));
    if (!definition) return undefined;
    modules = definition.modules;
  }
  return definition;
}

/** The breadcrumb of an opened path: `sig/s` → [`sig`, `sig/s`], each a level to open. */
export function instanceLevels(instancePath: string): string[] {
  const steps = instancePath.split(subpatchPathSeparator);
  return steps.map((_, index) => steps.slice(0, index + 1).join(subpatchPathSeparator));
}

/** The opened instance as a patch of its own: inner modules and cables, ids as paths. */
export function openedView(patch: Patch, instanceId: string): Patch | undefined {
  const definition = definitionOf(patch, instanceId);
  if (!definition) return undefined;
  const at = (ref: PortRef): PortRef => ({ module: pathOf(instanceId, ref.module), port: ref.port });
  return {
    ...patch,
    modules: definition.modules.map((module) => ({ ...module, id: pathOf(instanceId, module.id) })),
    cables: definition.cables.map((cable) => ({ from: at(cable.from), to: at(cable.to) })),
    subpatches: undefined,
  };
}

/**
 * Edits made in the opened view, as edits of the patch: module edits inside become one
 * setSubpatch; the view (probes, by path) passes through. Undefined when the instance is gone.
 */
export function editsInside(
  patch: Patch,
  instanceId: string,
  edits: readonly PatchEdit[],
): PatchEdit[] | undefined {
  const definition = definitionOf(patch, instanceId);
  if (!definition) return undefined;
  const prefix = pathOf(instanceId, '');
  const inner = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  const ref = (r: PortRef): PortRef => ({ module: inner(r.module), port: r.port });
  const passed: PatchEdit[] = [];
  const local: PatchEdit[] = [];
  for (const edit of edits) {
    switch (edit.kind) {
      case 'addModule':
        local.push({ ...edit, module: { ...edit.module, id: inner(edit.module.id) } });
        break;
      case 'removeModule':
      case 'moveModule':
      case 'setParam':
        local.push({ ...edit, moduleId: inner(edit.moduleId) });
        break;
      case 'connect':
      case 'disconnect':
        local.push({ ...edit, cable: { from: ref(edit.cable.from), to: ref(edit.cable.to) } });
        break;
      default:
        passed.push(edit);
    }
  }
  if (local.length === 0) return passed;
  const asPatch: Patch = {
    ...patch,
    modules: definition.modules,
    cables: definition.cables,
    subpatches: undefined,
  };
  const edited = applyEdits(asPatch, local);
  const removed = new Set(
    definition.modules.map((m) => m.id).filter((id) => !edited.modules.some((m) => m.id === id)),
  );
  // A removed module leaves the inlets that fed it; an outlet it showed stays and the server says why.
  const inlets = definition.inlets.map((inlet) => ({
    ...inlet,
    to: inlet.to.filter((to) => !removed.has(to.module)),
  }));
  const subpatch: Subpatch = { ...definition, inlets, modules: edited.modules, cables: edited.cables };
  return [{ kind: 'setSubpatch', subpatch }, ...passed];
}

/**
 * The patch the editor's commands (add, copy, paste, layout) work on: the patch itself, or the
 * opened instance's definition with its own ids. `shownId` names a module as the canvas does
 * (`INSTANCE/INNER` inside), `innerId` the other way; both are the identity at the top level.
 */
export interface EditView {
  patch: Patch;
  shownId(id: string): string;
  innerId(id: string): string;
}

export function editView(patch: Patch, openInstance: string | null): EditView {
  const definition = openInstance === null ? undefined : definitionOf(patch, openInstance);
  if (openInstance === null || !definition) return { patch, shownId: (id) => id, innerId: (id) => id };
  const prefix = pathOf(openInstance, '');
  return {
    patch: { ...patch, modules: definition.modules, cables: definition.cables, subpatches: undefined },
    shownId: (id) => pathOf(openInstance, id),
    innerId: (id) => (id.startsWith(prefix) ? id.slice(prefix.length) : id),
  };
}

/** The patch with these probes in its view: make and unmake rename them by path as they go. */
export function withProbes(patch: Patch, probes: readonly string[]): Patch {
  return { ...patch, view: { ...patch.view, probes: [...probes] } };
}
