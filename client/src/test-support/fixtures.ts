// Small patches and the real built-in catalog for client tests.
import type { PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';

export const registry = createBuiltinRegistry();
export const catalogEntries: CatalogEntry[] = registry.catalog();
export const catalog: Record<string, CatalogEntry> = Object.fromEntries(
  catalogEntries.map((entry) => [entry.type, entry]),
);

/** bars.close -> ema.in, ema.out -> add.a, bars.close -> add.b */
export function samplePatch(): Patch {
  return {
    schemaVersion: 1,
    name: 'sample',
    description: 'test patch',
    modules: [
      { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'ema', type: 'indicators/ema', params: { period: 30 }, position: { x: 300, y: 0 } },
      { id: 'add', type: 'math/add', params: {}, position: { x: 600, y: 0 } },
    ],
    cables: [
      { from: { module: 'bars', port: 'close' }, to: { module: 'ema', port: 'in' } },
      { from: { module: 'ema', port: 'out' }, to: { module: 'add', port: 'a' } },
      { from: { module: 'bars', port: 'close' }, to: { module: 'add', port: 'b' } },
    ],
  };
}

export function sampleDocument(revision = 1): PatchDocument {
  return { name: 'sample', patch: samplePatch(), baseVersion: 0, revision, dirty: false };
}
