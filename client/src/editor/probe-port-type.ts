// The type of a probed output (`MODULE.PORT`), so every place that shows its value (the badge on
// the node, the probe list, the plot legend) formats it the same way (formatProbeValue).
import type { Patch } from '@patchdesk/modules/patch/types';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';

export function probePortType(
  patch: Patch | undefined,
  catalog: Readonly<Record<string, CatalogEntry>>,
  key: string,
): PortType | undefined {
  const dot = key.indexOf('.');
  if (!patch || dot < 0) return undefined;
  const moduleId = key.slice(0, dot);
  const port = key.slice(dot + 1);
  const module = patch.modules.find((candidate) => candidate.id === moduleId);
  const entry = module && Object.hasOwn(catalog, module.type) ? catalog[module.type] : undefined;
  return entry?.outputs.find((output) => output.name === port)?.type;
}
