#!/usr/bin/env node
// `patchdesk` (or `npx patchdesk` in the repo): the command-line interface. Plain JavaScript so
// it runs as is; it registers tsx and hands over to the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
