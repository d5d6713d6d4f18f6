// Which outputs `patchdesk run` records when no --probe is given: every number and bool output
// of the patch's final modules, those no cable leaves. In a strategy these are its results
// (the signals); intermediate values are one --probe away.
import type { Patch } from '@patchdesk/modules/patch/types';
import { isNumericPort } from '@patchdesk/modules/sdk/ports';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';

export function defaultProbeKeys(patch: Patch, registry: ModuleRegistry): string[] {
  const feeding = new Set(patch.cables.map((cable) => cable.from.module));
  const keys: string[] = [];
  for (const module of patch.modules) {
    if (feeding.has(module.id)) continue;
    const definition = registry.get(module.type);
    if (!definition) continue;
    for (const [port, spec] of Object.entries(definition.outputs)) {
      if (isNumericPort(spec.type)) keys.push(`${module.id}.${port}`);
    }
  }
  return keys;
}
