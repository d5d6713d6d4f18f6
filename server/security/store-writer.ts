// A second process writing to a patch store, for the cross-process lock tests: it saves
// versions of one patch as fast as it can, until `stopFile` exists or `countMax` are saved (writing a draft before each save, as the server's
// working copies do) and prints one JSON line per acknowledged version. A save refused because
// another writer got in first (VersionConflictError) is retried on the new newest version, as
// an editor would after reloading.
//
//   node --import tsx server/security/store-writer.ts <storeDir> <patchName> <label> <countMax> [stopFile]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { VersionConflictError } from '../patches/errors';
import { PatchStore } from '../patches/patch-store';

export interface AcknowledgedVersion {
  writer: string;
  version: number;
  hash: string;
}

const conflictRetriesMax = 1_000;

async function main(): Promise<void> {
  const [storeDir, name, label, countText, stopFile] = process.argv.slice(2);
  const countMax = Number(countText);
  if (!storeDir || !name || !label || !Number.isInteger(countMax) || countMax < 1) {
    throw new Error('usage: store-writer.ts <storeDir> <patchName> <label> <countMax> [stopFile]');
  }
  const store = new PatchStore(storeDir);
  const base = examplePatch();
  for (let i = 0; i < countMax && !(stopFile && existsSync(stopFile)); i++) {
    const patch = withDescription(base, `${label} save ${i}`);
    for (let attempt = 0; ; attempt++) {
      const newest = (await store.versions(name)).length;
      await store.saveDraft(name, patch);
      try {
        const info = await store.save(name, patch, { message: `${label} ${i}`, baseVersion: newest });
        const line: AcknowledgedVersion = { writer: label, version: info.version, hash: info.hash };
        process.stdout.write(`${JSON.stringify(line)}\n`);
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= conflictRetriesMax) throw error;
      }
    }
  }
}

export function examplePatch(): Patch {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const parsed = parsePatchJson(readFileSync(join(repoRoot, 'patches/ema-cross-rsi.json'), 'utf8'));
  if (!parsed.ok) throw new Error('the example patch does not parse');
  return parsed.patch;
}

function withDescription(patch: Patch, description: string): Patch {
  return { ...patch, description };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`store-writer: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
