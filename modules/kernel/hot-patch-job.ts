// A hot patch compiled off the tick: validation and compilation run as a sequence of slices
// that the caller advances whenever it has time (between ticks, in idle turns of the event
// loop), while the kernel keeps ticking the running plan. The swap itself (Kernel.applyPrepared)
// only settles the kept instances' wake-ups and held outputs: a few array copies per module.
import { validatePatchSteps } from '../patch/validate';
import { blockingProblems } from '../patch/types';
import type { Patch, Problem } from '../patch/types';
import type { ModuleRegistry } from '../sdk/registry';
import { compilePlanSteps } from './compile';
import type { CompileOptions, PlanDraft } from './compile';
import type { Plan } from './plan';
import type { HotPatchJob } from './types';

type Outcome = { problems: Problem[]; draft: null } | { problems: []; draft: PlanDraft };

export class PreparedPatch implements HotPatchJob {
  private readonly steps: Generator<void, Outcome, void>;
  private outcome: Outcome | null = null;

  constructor(
    /** The kernel that prepared it: a job only applies to its own kernel. */
    readonly owner: object,
    readonly patch: Patch,
    registry: ModuleRegistry,
    base: Plan,
    options: CompileOptions,
  ) {
    this.steps = prepareSteps(patch, registry, base, options);
  }

  get done(): boolean {
    return this.outcome !== null;
  }

  get problems(): readonly Problem[] {
    return this.outcome?.problems ?? [];
  }

  /** The compiled draft (null when refused); finishes the job first if needed. */
  result(): Outcome {
    this.finish();
    return this.outcome!;
  }

  advance(shouldYield: () => boolean): boolean {
    if (this.outcome !== null) return true;
    do {
      const next = this.steps.next();
      if (next.done === true) {
        this.outcome = next.value;
        return true;
      }
    } while (!shouldYield());
    return false;
  }

  finish(): void {
    while (!this.advance(() => false));
  }
}

function* prepareSteps(
  patch: Patch,
  registry: ModuleRegistry,
  base: Plan,
  options: CompileOptions,
): Generator<void, Outcome, void> {
  // Validation is sliced too: whole, it takes 0.5 s and more for 100,000 modules.
  const problems = blockingProblems(yield* validatePatchSteps(patch, registry));
  if (problems.length > 0) return { problems, draft: null };
  yield;
  const draft = yield* compilePlanSteps(patch, registry, base, options);
  return { problems: [], draft };
}
