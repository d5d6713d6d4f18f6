// What is wrong with the open patch that the canvas cannot show by itself: a module whose type
// the catalog does not know has no ports, so its cables have nowhere to attach and would vanish
// silently. Each problem names the module or the cable; any problem blocks Run (see RunControls).
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import type { Cable, Patch } from '@patchdesk/modules/patch/types';

export interface OpenProblem {
  message: string;
  moduleId?: string;
  cable?: Cable;
}

const cableText = (cable: Cable): string =>
  `${cable.from.module}.${cable.from.port} → ${cable.to.module}.${cable.to.port}`;

export function patchProblems(patch: Patch, catalog: Readonly<Record<string, CatalogEntry>>): OpenProblem[] {
  const problems: OpenProblem[] = [];
  const entries = new Map<string, CatalogEntry | undefined>();
  for (const module of patch.modules) {
    const entry = Object.hasOwn(catalog, module.type) ? catalog[module.type] : undefined;
    entries.set(module.id, entry);
    if (!entry)
      problems.push({
        moduleId: module.id,
        message: `module ${module.id}: unknown type "${module.type}" (not in this server's catalog)`,
      });
  }
  const end = (moduleId: string, port: string, side: 'outputs' | 'inputs'): string | null => {
    if (!entries.has(moduleId)) return `module ${moduleId} is not in the patch`;
    const entry = entries.get(moduleId);
    if (!entry) return `module ${moduleId} has an unknown type`;
    return entry[side].some((candidate) => candidate.name === port)
      ? null
      : `${entry.type} has no ${side === 'outputs' ? 'output' : 'input'} "${port}"`;
  };
  for (const cable of patch.cables) {
    const reason =
      end(cable.from.module, cable.from.port, 'outputs') ?? end(cable.to.module, cable.to.port, 'inputs');
    if (reason) problems.push({ cable, message: `cable ${cableText(cable)}: not drawn, ${reason}` });
  }
  return problems;
}

/** Why Run is disabled, or null when the patch can run. */
export function runBlockedReason(problems: readonly OpenProblem[]): string | null {
  if (problems.length === 0) return null;
  return `Cannot run: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the patch (listed on the canvas)`;
}
