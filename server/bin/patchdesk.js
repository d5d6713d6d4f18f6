#!/usr/bin/env node
// `patchdesk` (or `npx patchdesk` in the repo): the command-line interface. Runs the compiled
// CLI in server/dist, building it first when a source is newer (quietly: a command's output
// stays its own). PATCHDESK_TSX=1 runs the TypeScript sources through tsx instead (development).
// Plain JavaScript so it runs before anything is compiled.
import { distEntryUrl, ensureServerBuilt } from './build.js';

let cli;
if (process.env.PATCHDESK_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../cli/main.ts');
} else {
  await ensureServerBuilt();
  cli = await import(distEntryUrl('cli'));
}
process.exitCode = await cli.main(process.argv.slice(2));
