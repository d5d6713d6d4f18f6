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

export function isValidCable(patch: Patch, catalog: CatalogLookup, proposed: ProposedCable): boolean {
  const { source, sourceHandle, target, targetHandle } = proposed;
  if (!source || !target || !sourceHandle || !targetHandle) return false;
  if (source === target) return false;
  const output = findPort(patch, catalog, source, sourceHandle, 'outputs');
  const input = findPort(patch, catalog, target, targetHandle, 'inputs');
  if (!output || !input) return false;
  return portTypesCompatible(output.type, input.type);
}
