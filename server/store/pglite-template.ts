// Tests only: a throwaway in-memory PGlite normally runs initdb as it starts, which takes 7-15 s
// of WASM work on the 2-core CI box, and about forty test files open one. The test runner's
// global setup (vitest.global-setup.ts) runs initdb once per PGlite version, dumps the fresh,
// empty cluster to a file (node_modules/.cache/patchdesk/) and names it in PATCHDESK_PGLITE_TEMPLATE; an in-memory store then starts from that copy
// (about 2 s). It holds only what initdb makes (no tables: migrations still run at open), so a
// store started from it is the same as one started afresh. Stores on disk never use it.
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

export const pgliteTemplateEnv = 'PATCHDESK_PGLITE_TEMPLATE';

let cached: { path: string; blob: Blob } | null = null;

/** The template named in the environment, read once per process; undefined when none is set. */
export function pgliteTemplate(env: NodeJS.ProcessEnv = process.env): Blob | undefined {
  const path = env[pgliteTemplateEnv];
  if (!path) return undefined;
  if (cached?.path !== path) cached = { path, blob: new Blob([readFileSync(path)]) };
  return cached.blob;
}

/** Runs initdb once and writes the fresh cluster to `path` (an uncompressed tarball). */
export async function writePgliteTemplate(path: string): Promise<void> {
  const database = await PGlite.create();
  try {
    const dump = await database.dumpDataDir('none');
    writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
}
