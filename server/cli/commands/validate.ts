// `patchdesk validate <patch.json>`: exit 0 when the patch is valid; otherwise list every
// problem (code, location, message) and exit 1. Incomplete patches (an unconnected required
// input) count as problems here, although they may still run.
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import { CliError } from '../cli-error';
import { readPatchFile } from '../patch-file';
import { formatProblems } from '../problems';
import { writeOut } from '../output';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check a patch file: schema, module types, ports, params, cable types and cycles')
    .argument('<patch>', 'patch file (.json)')
    .action(async (path: string) => {
      const result = await readPatchFile(path);
      const problems = result.ok ? validatePatch(result.patch, createBuiltinRegistry()) : result.problems;
      if (problems.length > 0) {
        writeOut(formatProblems(problems));
        throw new CliError(`${path}: ${problems.length} problem(s)`);
      }
      if (result.ok) {
        const { modules, cables } = result.patch;
        writeOut(`${path}: valid (${modules.length} modules, ${cables.length} cables)`);
      }
    });
}
