// Files the server ships with, found relative to this checkout (not the working directory),
// so `npm start` works from anywhere.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { PatchStore } from '../patches/patch-store';

/**
 * The checkout this code runs from: the nearest folder up holding the root package.json. Found
 * by looking rather than by a fixed '../..', because the same code also runs compiled, from
 * server/dist/.
 */
function findRepoRoot(fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'patchdesk'
    )
      return dir;
    if (dirname(dir) === dir)
      throw new Error(
        'patchdesk: cannot find the checkout (no package.json named patchdesk above the server)',
      );
  }
}

const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

export const bundledPaths = {
  repoRoot,
  clientDist: join(repoRoot, 'client', 'dist'),
  examplePatches: join(repoRoot, 'patches'),
  sampleBars: join(repoRoot, 'patches', 'data', 'btc-usdt-perp-1m-sample.csv'),
};

export function serverVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/**
 * A store other than patches/ (say `--store ~/strategies`) lacks the shipped examples; copy the
 * demo patch in when it is missing there, so the default `--demo` works with any store.
 */
export async function seedDemoPatch(name: string, storeDir: string, logger: Logger): Promise<void> {
  if (resolve(storeDir) === resolve(bundledPaths.examplePatches)) return;
  const store = new PatchStore(storeDir);
  if (await store.exists(name)) return;
  const example = join(bundledPaths.examplePatches, `${name}.json`);
  if (!existsSync(example)) return;
  await mkdir(storeDir, { recursive: true });
  await copyFile(example, join(storeDir, `${name}.json`));
  logger.info({ patch: name, store: resolve(storeDir) }, `copied the example patch "${name}" into the store`);
}
