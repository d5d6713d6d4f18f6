// Files the server ships with, found relative to this checkout (not the working directory),
// so `npm start` works from anywhere.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { PatchStore } from '../patches/patch-store';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

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
