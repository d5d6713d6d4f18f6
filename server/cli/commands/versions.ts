// `patchdesk versions <name>`: the saved versions of a patch in the store, oldest first.
import type { Command } from 'commander';
import { openStore, storeOption } from '../store-option';
import { formatTable, writeJson, writeOut } from '../output';

export function registerVersionsCommand(program: Command): void {
  program
    .command('versions')
    .description('list the saved versions of a patch')
    .argument('<name>', 'patch name in the store (the file name without .json)')
    .addOption(storeOption())
    .option('--json', 'print the versions as JSON')
    .action(async (name: string, options: { store: string; json?: boolean }) => {
      const versions = await (await openStore(options.store)).versions(name);
      if (options.json) {
        writeJson(versions);
        return;
      }
      if (versions.length === 0) {
        writeOut(`${name}: no saved versions yet (the file has no history)`);
        return;
      }
      const rows = versions.map((v) => [
        String(v.version),
        new Date(v.savedAtMs).toISOString(),
        v.hash.slice(0, 12),
        v.message,
      ]);
      writeOut(formatTable([['version', 'saved at', 'hash', 'message'], ...rows]));
    });
}
