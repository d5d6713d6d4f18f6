// Which cables the canvas lets a user draw. Only the port types are checked here, so compatible
// ports light up while dragging; cycles and duplicate inputs are the server's to refuse, with a reason.
import type { CatalogEntry, CatalogPort } from '@patchdesk/modules/sdk/registry';
import { portTypesCompatible } from '@patchdesk/modules/sdk/ports';
import type { Patch } from '@patchdesk/modules/patch/types';

export interface ProposedCable {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

export type CatalogLookup = (moduleType: string) => CatalogEntry | undefined;

function findPort(
  patch: Patch,
  catalog: CatalogLookup,
  moduleId: string,
  portName: string,
  side: 'inputs' | 'outputs',
): CatalogPort | undefined {
  const module = patch.modules.find((candidate) => candidate.id === moduleId);
  const entry = module ? catalog(module.type) : undefined;
  return entry?.[side].find((port) => port.name === portName);
}

/**
 * Why the canvas will not draw this cable, in the words shown at the cursor ("bar cannot feed
 * number"), or null when the port types allow it. Cycles are not checked here (see above).
 */
export function cableRefusal(patch: Patch, catalog: CatalogLookup, proposed: ProposedCable): string | null {
  const { source, sourceHandle, target, targetHandle } = proposed;
  if (!source || !target || !sourceHandle || !targetHandle) return 'a cable needs an output and an input';
  if (source === target) return `${source} cannot feed itself`;
  const output = findPort(patch, catalog, source, sourceHandle, 'outputs');
  if (!output) return `${source}.${sourceHandle} is not an output`;
  const input = findPort(patch, catalog, target, targetHandle, 'inputs');
  if (!input) return `${target}.${targetHandle} is not an input`;
  if (!portTypesCompatible(output.type, input.type))
    return `${output.type} cannot feed ${input.type} (${source}.${sourceHandle} to ${target}.${targetHandle})`;
  return null;
}

export function isValidCable(patch: Patch, catalog: CatalogLookup, proposed: ProposedCable): boolean {
  return cableRefusal(patch, catalog, proposed) === null;
}
