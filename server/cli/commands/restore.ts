// `patchdesk restore <name> <version>`: save an old version's content as a new version.
// History is never rewound, so a restore can itself be undone.
import type { Command } from 'commander';
import { openStore, parseVersion, storeOption } from '../store-option';
import { writeOut } from '../output';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('save the content of an old version as the newest version of a patch')
    .argument('<name>', 'patch name in the store')
    .argument('<version>', 'version to restore')
    .addOption(storeOption())
    .option('-m, --message <text>', 'message for the new version (default "restore version N")')
    .action(async (name: string, versionText: string, options: { store: string; message?: string }) => {
      const version = parseVersion(versionText);
      const store = await openStore(options.store);
      const saved = await store.restore(name, version, options.message);
      writeOut(
        `${name}: restored version ${version} as version ${saved.version} (${saved.hash.slice(0, 12)})`,
      );
    });
}
