#!/usr/bin/env node
// Compiles the server and the CLI to plain JavaScript in server/dist/ (esbuild, which tsx
// brings along): `npm start` and `patchdesk` run that, so no TypeScript is compiled at run
// time (tsx cost about 36 MiB and 1-2 s of start-up). Our own code (server/ and the
// @patchdesk/modules workspace) is bundled; packages from node_modules stay imports.
//
// Used three ways: `npm run build` (node server/bin/build.js), and ensureServerBuilt() from
// start.js and patchdesk.js, which rebuild only when a source file is newer than the build.
// The build records the files it was made from (esbuild's metafile), so the staleness check
// stats exactly those: a few milliseconds. Plain JavaScript so it runs before any build.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const thisFile = fileURLToPath(import.meta.url);
export const repoRoot = join(dirname(thisFile), '..', '..');
export const distDir = join(repoRoot, 'server', 'dist');
const infoFile = join(distDir, 'build-info.json');

/** Output name (in server/dist/) -> entry point (from the repo root). */
const entryPoints = {
  main: 'server/main.ts',
  cli: 'server/cli/main.ts',
  // the piscina worker of sweeps, loaded by file name beside the CLI and the server
  'sweep-worker': 'server/backtest/sweep/sweep-worker.ts',
};

/** The compiled entry point `name` ('main' or 'cli') as a file URL, for import(). */
export function distEntryUrl(name) {
  return pathToFileURL(join(distDir, `${name}.js`)).href;
}

/** True when server/dist is missing, or a file it was built from changed since. */
export function serverBuildIsStale() {
  let info;
  try {
    info = JSON.parse(readFileSync(infoFile, 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(info.inputs) || typeof info.builtAtMs !== 'number') return true;
  for (const name of Object.keys(entryPoints)) if (!existsSync(join(distDir, `${name}.js`))) return true;
  for (const input of [...info.inputs, relative(repoRoot, thisFile)]) {
    let mtimeMs;
    try {
      mtimeMs = statSync(join(repoRoot, input)).mtimeMs;
    } catch {
      return true; // a source was deleted or moved
    }
    if (mtimeMs > info.builtAtMs) return true;
  }
  return false;
}

/** Compile server/main.ts and server/cli/main.ts to server/dist/{main,cli}.js. */
export async function buildServer() {
  const { build } = await importEsbuild();
  const startedAtMs = Date.now();
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: 'server/dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  mkdirSync(distDir, { recursive: true });
  // Each file is written whole and renamed into place: a process starting meanwhile (or a
  // second build running at the same time, as parallel tests may) never reads half a file.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  // Sources edited during the build are newer than this and make the next check rebuild.
  writeAtomically(infoFile, `${JSON.stringify({ builtAtMs: startedAtMs, inputs }, null, 1)}\n`);
  return { files: result.outputFiles.length, inputs: inputs.length };
}

/** Builds when stale; resolves to true when it built. */
export async function ensureServerBuilt() {
  if (!serverBuildIsStale()) return false;
  await buildServer();
  return true;
}

/** Bare imports stay imports, except our own workspace packages, which are TypeScript. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@patchdesk/') ? undefined : { path: args.path, external: true },
    );
  },
};

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** esbuild comes with tsx (a dependency); found from tsx's own folder if it is not hoisted. */
async function importEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    const { createRequire } = await import('node:module');
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return import(pathToFileURL(fromTsx.resolve('esbuild')).href);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const startedAtMs = Date.now();
  const { files, inputs } = await buildServer();
  console.log(
    `patchdesk: built server/dist (${files} files from ${inputs} sources) in ${Date.now() - startedAtMs} ms`,
  );
}
