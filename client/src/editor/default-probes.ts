// Which ports a patch opens with probed: the probes saved in its view, or else the outputs a quant
// watches first: every indicator output and the price feeding them. Probes used to be kept in
// this browser's localStorage; loadLegacyProbes/forgetLegacyProbes move them into the patch once.
import { flattenPatch } from '@patchdesk/modules/patch/flatten';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';

/** Enough to see the demo at a glance without flooding the probe panel. */
export const defaultProbesMax = 12;
const storageKeyPrefix = 'patchdesk.probes.';

export function defaultProbes(patch: Patch, catalog: Readonly<Record<string, CatalogEntry>>): string[] {
  const keys: string[] = [];
  for (const module of patch.modules) {
    const entry = catalog[module.type];
    if (entry?.category !== 'indicators') continue;
    for (const output of entry.outputs)
      if (output.type === 'number') keys.push(`${module.id}.${output.name}`);
  }
  // The price the indicators read, so their lines have something to be compared with.
  const feedsIndicators = new Set(
    patch.cables
      .filter((cable) => keys.some((key) => key.startsWith(`${cable.to.module}.`)))
      .map((cable) => `${cable.from.module}.${cable.from.port}`),
  );
  const sourcePorts = [...feedsIndicators].filter((key) => {
    const module = patch.modules.find((candidate) => candidate.id === key.split('.')[0]);
    return module !== undefined && catalog[module.type]?.category === 'sources';
  });
  return [...sourcePorts, ...keys].slice(0, defaultProbesMax);
}

/** Probes an older editor kept for this patch in this browser, or null. */
export function loadLegacyProbes(
  patchName: string,
  storage: Storage | undefined = globalThis.localStorage,
): string[] | null {
  try {
    const raw = storage?.getItem(storageKeyPrefix + patchName);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((key) => typeof key === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Drops the browser's copy once the patch holds the probes. */
export function forgetLegacyProbes(
  patchName: string,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.removeItem(storageKeyPrefix + patchName);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}

/**
 * Keeps the keys that name an output of a module in the patch; a module inside a subpatch by
 * its path (`sub/ema.out`), as the kernel runs it flattened.
 */
export function existingProbes(
  keys: readonly string[],
  patch: Patch,
  catalog: Readonly<Record<string, CatalogEntry>>,
): string[] {
  const flat = flattenPatch(patch);
  const outputs = new Set<string>();
  for (const module of flat.ok ? flat.patch.modules : patch.modules) {
    for (const output of catalog[module.type]?.outputs ?? []) outputs.add(`${module.id}.${output.name}`);
  }
  return keys.filter((key) => outputs.has(key));
}
