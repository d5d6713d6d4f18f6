// `patchdesk diff <name> <v1> <v2>`: what changed between two saved versions of a patch.
import type { Command } from 'commander';
import { renderDiff } from '@patchdesk/modules/patch/diff';
import { openStore, parseVersion, storeOption } from '../store-option';
import { writeJson, writeOut } from '../output';

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('show the changes between two versions of a patch (modules, params, cables, positions)')
    .argument('<name>', 'patch name in the store')
    .argument('<from>', 'older version number')
    .argument('<to>', 'newer version number')
    .addOption(storeOption())
    .option('--json', 'print the structural diff as JSON')
    .action(async (name: string, from: string, to: string, options: { store: string; json?: boolean }) => {
      const diff = await (
        await openStore(options.store)
      ).diff(name, parseVersion(from, 'from'), parseVersion(to, 'to'));
      if (options.json) writeJson(diff);
      else writeOut(renderDiff(diff));
    });
}
