// Reading a patch file for a command: a missing file or a file that is not a patch becomes a
// CliError that names the file and lists every problem.
import { readFile } from 'node:fs/promises';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch, Problem } from '@patchdesk/modules/patch/types';
import { asUserError, CliError } from './cli-error';
import { formatProblems } from './problems';

export type PatchFileResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

export async function readPatchFile(path: string): Promise<PatchFileResult> {
  return parsePatchJson(await readPatchText(path));
}

/** The file's text, or a CliError naming the file. */
export async function readPatchText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw asUserError(error) ?? error;
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
