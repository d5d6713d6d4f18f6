// `patchdesk merge-driver <base> <ours> <theirs>`: a git merge driver for patch files. It merges
// by module, param and cable (modules/patch/merge.ts) instead of by line, writes the result over
// <ours> as git expects, and exits 0 when clean or 1 with conflict markers around only the
// contested lines (and one line per conflict on stderr). Enable it in a repository with:
//   git config merge.patchdesk.driver "npx patchdesk merge-driver %O %A %B --ours-label %X --theirs-label %Y"
//   echo 'patches/*.json merge=patchdesk' >> .gitattributes
import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { describeConflict, mergeToText } from '@patchdesk/modules/patch/conflict-text';
import type { Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import { CliError, exitCodes } from '../cli-error';
import { writeErr } from '../output';
import { loadPatchFile, readPatchText } from '../patch-file';

interface MergeDriverOptions {
  oursLabel?: string;
  theirsLabel?: string;
}

export function registerMergeDriverCommand(program: Command): void {
  program
    .command('merge-driver')
    .description('three-way merge of patch files for git (base ours theirs); writes the result over <ours>')
    .argument('<base>', 'common ancestor (git: %O); may be empty when both sides added the file')
    .argument('<ours>', 'our version, overwritten with the result (git: %A)')
    .argument('<theirs>', 'their version (git: %B)')
    .option('--ours-label <label>', 'name shown on our side of conflict markers', 'ours')
    .option('--theirs-label <label>', 'name shown on their side of conflict markers', 'theirs')
    .action(async (basePath: string, oursPath: string, theirsPath: string, options: MergeDriverOptions) => {
      const ours = await loadPatchFile(oursPath);
      const theirs = await loadPatchFile(theirsPath);
      const base =
        (await readPatchText(basePath)).trim() === '' ? emptyLike(ours) : await loadPatchFile(basePath);
      const registry = createBuiltinRegistry();
      const merged = mergeToText(
        base,
        ours,
        theirs,
        { ours: options.oursLabel ?? 'ours', theirs: options.theirsLabel ?? 'theirs' },
        { validate: (patch) => validatePatch(patch, registry) },
      );
      // Write beside and rename: a crash never leaves git with half a file.
      const temp = `${oursPath}.merge-${process.pid}.tmp`;
      await writeFile(temp, merged.text.endsWith('\n') ? merged.text : `${merged.text}\n`);
      await rename(temp, oursPath);
      if (merged.conflicts.length === 0) return;
      for (const conflict of merged.conflicts)
        writeErr(`patchdesk merge: conflict: ${describeConflict(conflict)}`);
      throw new CliError(
        `${merged.conflicts.length} conflict(s) in ${oursPath}; resolve the marked lines (or open it in the editor) and commit`,
        exitCodes.failure,
      );
    });
}

/** Both sides added the file: merge as if the ancestor had the same metadata and nothing else. */
function emptyLike(patch: Patch): Patch {
  return { ...patch, modules: [], cables: [] };
}
