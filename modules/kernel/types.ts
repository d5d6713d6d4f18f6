// The kernel's public surface, as the engine, the CLI and the hubs use it.
import type { Feeds } from '../sdk/define-module';
import type { Patch, Problem } from '../patch/types';

export interface KernelOptions {
  /** Grid of the run's ticks; logic/delay wakes one interval later. Default 100. */
  tickIntervalMs?: number;
  /**
   * 'specialised' (default) generates one gather/step/scatter function per module type, which
   * keeps property access monomorphic; 'generic' uses one loop for all types (same results).
   * Code generation falls back to 'generic' where `new Function` is forbidden.
   */
  runners?: 'specialised' | 'generic';
  /**
   * With specialised runners, generate code per plan for batches of one or two modules (most
   * of a typical strategy patch), with slots and objects as constants: much less overhead per
   * module than the per-type loops. Default true; false measures the difference.
   */
  fuseSmallBatches?: boolean;
}

/** A hot patch being compiled off the tick (Kernel.prepareHotPatch). */
export interface HotPatchJob {
  readonly patch: Patch;
  /** True once validated and compiled, or refused. */
  readonly done: boolean;
  /** Blocking problems that refuse the patch; [] until done, and when it compiled. */
  readonly problems: readonly Problem[];
  /**
   * Do the next slice of work (validation is one slice; compilation yields every 256 modules or
   * cables), then further slices until `shouldYield()` returns true or the work is done, e.g.
   * `job.advance(() => performance.now() > deadline)`. Returns `done`. At least one slice runs
   * per call, so a caller that advances in a loop always gets there.
   */
  advance(shouldYield: () => boolean): boolean;
  /** Do all remaining work now. */
  finish(): void;
}

/** A probe tap: a ring buffer of (tick time, value) written when the tapped output emits. */
export interface ProbeTap {
  /** `MODULE.PORT` */
  readonly key: string;
  readonly capacity: number;
  /** Total samples ever recorded; the newest is at index (recorded - 1) % capacity. */
  readonly recorded: number;
  readonly timesMs: Float64Array;
  readonly values: Float64Array;
  /** False once a hot patch removed the tapped output (or after untap): it records no more. */
  readonly attached: boolean;
  /** Newest value (NaN before the first sample). */
  latestValue(): number;
  latestTimeMs(): number;
}

export interface KernelStats {
  ticks: number;
  moduleSteps: number;
  /** Calls of `latch` (logic/delay taking in its input at the end of a tick). */
  latches: number;
}

export interface KernelApi {
  readonly patch: Patch;
  /** Set by the run before a tick; cleared by the kernel after the tick. */
  readonly feeds: Feeds;
  /**
   * Evaluate one tick at `timeMs` (must not go backwards). When a module's step or latch
   * throws, throws a ModuleStepError naming it; the tick is left part-done (see errors.ts)
   * and every later tick() throws.
   */
  tick(timeMs: number): void;
  /**
   * Earliest time a module asked to be woken at, or Infinity. While a new module (from the
   * constructor or a hot patch) still owes its first step, the time of the next tick: the
   * last tick's time plus tickIntervalMs (-Infinity before the first tick).
   */
  nextWakeMs(): number;
  /**
   * Hot patch between ticks: compile `next`, keep the state of every module whose type, params
   * and inbound cables are unchanged. Returns the blocking problems and changes nothing when
   * there are any; returns [] when applied.
   */
  setPatch(next: Patch): Problem[];
  /**
   * Hot patch without stalling the tick: returns a job that validates and compiles `next`
   * against the running plan in slices (`advance`), while tick() goes on running the current
   * plan. Swap it in with applyPrepared at a tick boundary. Same state rules as setPatch.
   */
  prepareHotPatch(next: Patch): HotPatchJob;
  /**
   * Swap in a prepared patch between ticks. Cheap when the job is done: kept modules take over
   * their wake-ups, first-step flags and held outputs from the running plan, taps are
   * re-pointed. Returns the job's blocking problems (changing nothing) or [] when applied. An
   * unfinished job is finished first, on the spot. A job prepared before another patch was
   * applied is recompiled on the spot against the running plan (correct, not cheap). Throws
   * for a job of another kernel.
   */
  applyPrepared(job: HotPatchJob): Problem[];
  /** Tap an output `MODULE.PORT`; throws on an unknown port. Taps survive setPatch while the port exists. */
  tap(key: string, capacity?: number): ProbeTap;
  untap(tap: ProbeTap): void;
  /** Current value of an output: number, bool as 0/1, bar as its close, NaN otherwise. */
  read(key: string): number;
  /**
   * Resolves the keys once (throws on an unknown port) and returns a function that fills
   * `into` with their values as read() gives them, allocating nothing: for readers of every
   * tick (run recordings). Valid until the next hot patch; it throws after one.
   */
  outputReader(keys: readonly string[]): (into: Float64Array) => void;
  readonly stats: KernelStats;
}
