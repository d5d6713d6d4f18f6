#!/usr/bin/env node
// `npm start`: build the editor and the server when their builds are missing or stale, then
// run the compiled server (server/dist) with the demo patch and, in a terminal, a
// once-a-second line of its live probe values. PATCHDESK_TSX=1 runs the TypeScript sources
// through tsx instead (development). Plain JavaScript so it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distEntryUrl, ensureServerBuilt } from './build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clientDir = join(repoRoot, 'client');

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtimeMs(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') pending.push(path);
      } else {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  }
  return newest;
}

function clientBuildIsStale() {
  const indexFile = join(clientDir, 'dist', 'index.html');
  if (!existsSync(indexFile)) return true;
  const sources = [join(clientDir, 'src'), join(clientDir, 'index.html'), join(clientDir, 'vite.config.ts')];
  const newestSourceMs = Math.max(
    ...sources.map((path) =>
      existsSync(path) && statSync(path).isFile() ? statSync(path).mtimeMs : newestMtimeMs(path),
    ),
  );
  return newestSourceMs > statSync(indexFile).mtimeMs;
}

/** Builds the client when needed. Never fatal: without it the server runs headless. */
function buildClientIfStale() {
  if (!existsSync(join(clientDir, 'package.json'))) return;
  if (!clientBuildIsStale()) return;
  console.log('patchdesk: building the editor (client/) with vite ...');
  const result = spawnSync('npx', ['--no-install', 'vite', 'build'], { cwd: clientDir, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `vite exited with status ${result.status}`;
    console.warn(
      `patchdesk: warning: the editor could not be built (${why}); starting headless (hubs and API only).`,
    );
  }
}

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const serverArgs = args.filter((arg) => arg !== '--quiet');
const interactive = Boolean(process.stdout.isTTY);
if (interactive && !serverArgs.some((arg) => arg.startsWith('--log-format')))
  serverArgs.push('--log-format', 'pretty');
if (interactive && !quiet) serverArgs.push('--ticker');

buildClientIfStale();
let server;
if (process.env.PATCHDESK_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  server = await import('../main.ts');
} else {
  if (await ensureServerBuilt()) console.log('patchdesk: built the server (server/dist)');
  server = await import(distEntryUrl('main'));
}
await server.runCommandLine(serverArgs, process.env);
