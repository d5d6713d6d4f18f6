import type { Problem } from '../patch/types';

/** The kernel was given a patch with blocking problems (see blockingProblems in patch/types). */
export class PatchRejectedError extends Error {
  constructor(
    readonly patchName: string,
    readonly problems: Problem[],
  ) {
    const shown = problems.slice(0, 5).map((problem) => `  ${problem.code}: ${problem.message}`);
    if (problems.length > shown.length) shown.push(`  ... and ${problems.length - shown.length} more`);
    super(`patch "${patchName}" cannot run (${problems.length} problem(s)):\n${shown.join('\n')}`);
    this.name = 'PatchRejectedError';
  }
}
