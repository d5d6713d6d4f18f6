// The example patches ship with a first version, so `patchdesk versions ema-cross-rsi` (a README
// example) and the editor's versions panel show a history from the start. Read through the store,
// which checks each version file against its recorded hash.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPaths } from '../main/paths';
import { PatchStore } from './patch-store';

const examples = readdirSync(bundledPaths.examplePatches)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('shipped examples', () => {
  it('are the three of patches/README.md', () => {
    expect(examples.sort()).toEqual(['atr-breakout', 'bollinger-mean-reversion', 'ema-cross-rsi']);
  });

  it.each(examples)('%s has version 1, identical to its file', async (name) => {
    const store = new PatchStore(bundledPaths.examplePatches);
    const versions = await store.versions(name);
    expect(versions.map((version) => [version.version, version.message])).toEqual([
      [1, 'example as shipped'],
    ]);
    const file = readFileSync(join(bundledPaths.examplePatches, `${name}.json`), 'utf8');
    const saved = readFileSync(join(bundledPaths.examplePatches, '.history', name, 'v000001.json'), 'utf8');
    expect(saved).toBe(file);
    expect(await store.get(name, 1)).toEqual(await store.get(name));
  });
});
