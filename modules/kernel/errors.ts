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

/**
 * A module's `step` or `latch` threw during a tick. The thrown value is `cause`.
 *
 * The tick is left part-done, and the kernel refuses further ticks: modules before the failing
 * one in step order have stepped and emitted with this tick's stamp; the failing module's state
 * may be half-updated and its outputs were not written to the slots; modules after it did not
 * step, no latch ran (for a throw in `step`) and `feeds.bar` was not cleared. The run stops on
 * it (server/engine/run.ts reads `moduleId`); to go on, build a new Kernel.
 */
export class ModuleStepError extends Error {
  constructor(
    readonly moduleId: string,
    readonly moduleType: string,
    /** Which callback threw. */
    readonly phase: 'step' | 'latch',
    /** Time of the tick that failed, integer UTC milliseconds. */
    readonly timeMs: number,
    cause: unknown,
  ) {
    super(
      `module "${moduleId}" (${moduleType}) threw in ${phase} at tick ${timeMs} ms: ${messageOf(cause)}`,
      {
        cause,
      },
    );
    this.name = 'ModuleStepError';
  }
}

function messageOf(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
