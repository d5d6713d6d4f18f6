// Reading a patch file for a command: only a regular file of at most patchFileBytesMax (so
// `patchdesk validate /dev/zero` or a 100 MB file is refused at once, not read into memory),
// and a file that is not a patch becomes a CliError that names the file and lists every problem.
// The CLI names the path the user typed: it is their own terminal.
import { patchFileBytesMax, parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch, Problem } from '@patchdesk/modules/patch/types';
import { FileRefusedError, readBoundedFile } from '../files/bounded-file';
import { CliError, exitCodes } from './cli-error';
import { formatProblems } from './problems';

export type PatchFileResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

export async function readPatchFile(path: string): Promise<PatchFileResult> {
  return parsePatchJson(await readPatchText(path));
}

/** The file's text, or a CliError naming the file. */
export async function readPatchText(path: string): Promise<string> {
  try {
    return await readBoundedFile(path, { maxBytes: patchFileBytesMax, label: `patch file '${path}'` });
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    // Not a file at all, or far too large: the argument is wrong (usage). Missing or unreadable: a failure.
    const refused = error.code === 'NOT_REGULAR' || error.code === 'TOO_LARGE';
    throw new CliError(error.message, refused ? exitCodes.usage : exitCodes.failure);
  }
}

/** The patch, or a CliError listing why the file is not one. */
export async function loadPatchFile(path: string): Promise<Patch> {
  const result = await readPatchFile(path);
  if (result.ok) return result.patch;
  throw new CliError(
    `${path} is not a valid patch (${result.problems.length} problem(s)):\n${formatProblems(result.problems)}`,
  );
}
