// The type of a probed output (`MODULE.PORT`), so every place that shows its value (the badge on
// the node, the probe list, the plot legend) formats it the same way (formatProbeValue).
import { flattenPatch } from '@patchdesk/modules/patch/flatten';
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
  // Flat, so a probe inside a subpatch (`sub1/ema.out`) finds its module by path.
  const flat = flattenPatch(patch);
  const module = (flat.ok ? flat.patch : patch).modules.find((candidate) => candidate.id === moduleId);
  const entry = module && Object.hasOwn(catalog, module.type) ? catalog[module.type] : undefined;
  return entry?.outputs.find((output) => output.name === port)?.type;
}
