// The tick kernel: runs a compiled patch one tick at a time. Backtest and live share it; they
// differ only in who calls tick() and with which times.
import { validatePatch } from '../patch/validate';
import { blockingProblems } from '../patch/types';
import type { Patch, Problem } from '../patch/types';
import type { Feeds } from '../sdk/define-module';
import type { PortType } from '../sdk/ports';
import type { ModuleRegistry } from '../sdk/registry';
import { compilePlan, settlePlan } from './compile';
import type { CompileOptions } from './compile';
import { PreparedPatch } from './hot-patch-job';
import { ModuleStepError, PatchRejectedError } from './errors';
import { PositionFlag } from './plan';
import type { Plan } from './plan';
import { KernelStepContext } from './step-context';
import { ProbeTapRecorder, defaultTapCapacity, probeValue, splitPortKey } from './taps';
import type { HotPatchJob, KernelApi, KernelOptions, KernelStats, ProbeTap } from './types';

export const defaultTickIntervalMs = 100;

export class Kernel implements KernelApi {
  readonly feeds: Feeds = { bar: null };
  readonly stats: KernelStats = { ticks: 0, moduleSteps: 0, latches: 0 };
  private currentPatch: Patch;
  private plan: Plan;
  private readonly compileOptions: CompileOptions;
  private readonly context: KernelStepContext;
  private readonly taps: ProbeTapRecorder[] = [];
  private tickNumber = 0;
  private lastTimeMs = Number.NEGATIVE_INFINITY;
  /** Some position still has PositionFlag.FirstTick set (see nextWakeMs). */
  private firstStepsPending: boolean;
  /** Why a tick threw: it was left part-done, so no further tick may run. */
  private failedBecause: string | null = null;

  constructor(
    patch: Patch,
    private readonly registry: ModuleRegistry,
    options: KernelOptions = {},
  ) {
    const tickIntervalMs = options.tickIntervalMs ?? defaultTickIntervalMs;
    if (!(tickIntervalMs > 0))
      throw new Error(`kernel: tickIntervalMs must be positive, got ${tickIntervalMs}`);
    const problems = blockingProblems(validatePatch(patch, registry));
    if (problems.length > 0) throw new PatchRejectedError(patch.name, problems);
    this.compileOptions = {
      mode: options.runners ?? 'specialised',
      fuse: options.fuseSmallBatches ?? true,
    };
    this.currentPatch = patch;
    this.plan = compilePlan(patch, registry, null, this.compileOptions);
    this.firstStepsPending = hasFirstStepPending(this.plan);
    this.context = new KernelStepContext(tickIntervalMs, this.feeds, this.plan);
  }

  get patch(): Patch {
    return this.currentPatch;
  }

  tick(timeMs: number): void {
    // Kept this small on purpose, so that V8 inlines it into the caller's loop: a double passed
    // to a call that is not inlined is boxed (16 bytes a tick with epoch times). The time goes
    // on through a field, and the rest of the tick takes no number argument. The guards'
    // messages are built in functions of their own for the same reason: a template string
    // naming timeMs here made tick too big to inline and turned the time into a string on
    // every tick (about 200 ns and 16 bytes), although the guards never fire.
    if (this.failedBecause !== null) throw afterFailureError(timeMs, this.failedBecause);
    if (!(timeMs >= this.lastTimeMs)) throw backwardsTimeError(timeMs, this.lastTimeMs);
    this.lastTimeMs = timeMs;
    this.context.timeMs = timeMs;
    this.runTick();
  }

  /** The tick at context.timeMs (see tick). */
  private runTick(): void {
    const tick = ++this.tickNumber;
    const plan = this.plan;
    const context = this.context;
    context.tick = tick;
    let steps = 0;
    // The runners set context.position to the module that threw (or just before calling a
    // module's step), so when something throws, it names the module (-1: the kernel threw).
    context.position = -1;
    try {
      // Through one call site for all batches, on purpose: V8 inlines nothing at a call site
      // that sees many targets, so each batch's function keeps its own inlining budget for
      // its modules. A generated function calling each batch directly (tried for issue 9) got
      // them inlined into it, ran out of budget for the modules' helpers and boxed their
      // numbers: 32-64 bytes a tick with EMA or ATR in the patch.
      const { batchStart, batchRunners, fusedRunners, fusedUntil } = plan;
      for (let batch = 0; batch < batchRunners.length;) {
        const fused = fusedRunners[batch];
        if (fused !== null) {
          steps += fused(context);
          batch = fusedUntil[batch];
        } else {
          steps += batchRunners[batch](plan, batchStart[batch], batchStart[batch + 1], context);
          batch++;
        }
      }
    } catch (error) {
      throw this.fail(error, 'step');
    }
    if (plan.latchPositions.length > 0) this.runLatches(plan);
    this.firstStepsPending = false;
    this.stats.ticks++;
    this.stats.moduleSteps += steps;
    this.feeds.bar = null;
    const market = this.feeds.market;
    if (market !== undefined && market !== null) market.changed = false;
  }

  nextWakeMs(): number {
    // A new instance owes its first step to the very next tick. Every tick visits every
    // position and clears the flag, so they can only be pending before the first tick or
    // after a hot patch.
    if (this.firstStepsPending) return this.lastTimeMs + this.context.tickIntervalMs;
    const wakeMs = this.plan.wakeMs;
    let earliest = Number.POSITIVE_INFINITY;
    for (let position = 0; position < wakeMs.length; position++) {
      if (wakeMs[position] < earliest) earliest = wakeMs[position];
    }
    return earliest;
  }

  setPatch(next: Patch): Problem[] {
    return this.applyPrepared(this.prepareHotPatch(next));
  }

  prepareHotPatch(next: Patch): HotPatchJob {
    return new PreparedPatch(this, next, this.registry, this.plan, this.compileOptions);
  }

  applyPrepared(job: HotPatchJob): Problem[] {
    if (!(job instanceof PreparedPatch) || job.owner !== this)
      throw new Error('kernel.applyPrepared: the job was prepared by another kernel');
    const { problems, draft } = job.result();
    if (draft === null) return problems;
    let plan = draft.plan;
    if (!settlePlan(draft, this.plan)) {
      // Another patch went in since the job was prepared: its choice of kept instances is out
      // of date. Compile against the running plan instead (validation still holds).
      plan = compilePlan(job.patch, this.registry, this.plan, this.compileOptions);
    }
    this.plan = plan;
    this.context.plan = plan;
    this.firstStepsPending = hasFirstStepPending(plan);
    this.currentPatch = job.patch;
    for (const tap of this.taps) this.attach(tap);
    this.markTapped();
    return [];
  }

  tap(key: string, capacity = defaultTapCapacity): ProbeTap {
    const { moduleId, port } = this.resolveOutput(key);
    const tap = new ProbeTapRecorder(key, moduleId, port, capacity);
    this.attach(tap);
    this.taps.push(tap);
    this.markTapped();
    return tap;
  }

  untap(tap: ProbeTap): void {
    const index = this.taps.indexOf(tap as ProbeTapRecorder);
    if (index < 0) return;
    this.taps.splice(index, 1);
    (tap as ProbeTapRecorder).attached = false;
    this.markTapped();
  }

  read(key: string): number {
    const { position, output } = this.resolveOutput(key);
    const plan = this.plan;
    const layout = plan.instances[position].layout;
    const type = layout.definition.outputs[layout.outputNames[output]].type;
    return probeValue(plan, plan.outputStart[position] + output, type);
  }

  outputReader(keys: readonly string[]): (into: Float64Array) => void {
    const plan = this.plan;
    const slots = new Int32Array(keys.length);
    const types: PortType[] = [];
    keys.forEach((key, i) => {
      const { position, output } = this.resolveOutput(key);
      const layout = plan.instances[position].layout;
      slots[i] = plan.outputStart[position] + output;
      types.push(layout.definition.outputs[layout.outputNames[output]].type);
    });
    return (into) => {
      // its slots belong to one plan: a reader kept across a hot patch would read other ports
      if (this.plan !== plan)
        throw new Error('kernel: an output reader was used after a hot patch; make a new one');
      for (let i = 0; i < slots.length; i++) into[i] = probeValue(plan, slots[i], types[i]);
    };
  }

  private resolveOutput(key: string): { moduleId: string; port: string; position: number; output: number } {
    const { moduleId, port } = splitPortKey(key);
    const position = this.plan.positionById.get(moduleId);
    if (position === undefined)
      throw new Error(`kernel: no module "${moduleId}" in patch "${this.patch.name}"`);
    const layout = this.plan.instances[position].layout;
    const output = layout.outputIndex[port];
    if (output === undefined) {
      throw new Error(
        `kernel: module "${moduleId}" (${layout.definition.type}) has no output "${port}"; ` +
          `its outputs are: ${layout.outputNames.join(', ') || '(none)'}`,
      );
    }
    return { moduleId, port, position, output };
  }

  /** Point a tap at its output in the current plan, or detach it when the output is gone. */
  private attach(tap: ProbeTapRecorder): void {
    const position = this.plan.positionById.get(tap.moduleId);
    const layout = position === undefined ? undefined : this.plan.instances[position].layout;
    const output = layout?.outputIndex[tap.port];
    if (position === undefined || layout === undefined || output === undefined) {
      tap.attached = false;
      return;
    }
    tap.position = position;
    tap.slot = this.plan.outputStart[position] + output;
    tap.portType = layout.definition.outputs[tap.port].type;
  }

  private markTapped(): void {
    const plan = this.plan;
    for (let i = this.taps.length - 1; i >= 0; i--) if (!this.taps[i].attached) this.taps.splice(i, 1);
    for (let position = 0; position < plan.size; position++) plan.flags[position] &= ~PositionFlag.Tapped;
    plan.tapsAt.fill(null);
    for (const tap of this.taps) {
      plan.flags[tap.position] |= PositionFlag.Tapped;
      (plan.tapsAt[tap.position] ??= []).push(tap);
    }
  }

  /** End of tick: every latch module whose input emitted this tick takes its inputs in. */
  private runLatches(plan: Plan): void {
    const { latchPositions, latchRunners } = plan;
    const context = this.context;
    let latched = 0;
    context.position = -1;
    try {
      for (let i = 0; i < latchPositions.length; i++) {
        if (latchRunners[i](plan, latchPositions[i], context)) latched++;
      }
    } catch (error) {
      throw this.fail(error, 'latch');
    }
    this.stats.latches += latched;
  }

  /** Wrap what a module threw in a ModuleStepError, and refuse further ticks. */
  private fail(error: unknown, phase: 'step' | 'latch'): unknown {
    const timeMs = this.context.timeMs;
    const position = this.context.position;
    // Not from a module (position -1): a kernel bug, passed on unchanged.
    const failure =
      position < 0
        ? error
        : new ModuleStepError(
            this.plan.instances[position].id,
            this.plan.instances[position].layout.definition.type,
            phase,
            timeMs,
            error,
          );
    this.failedBecause = failure instanceof Error ? failure.message : String(failure);
    return failure;
  }
}

function afterFailureError(timeMs: number, failedBecause: string): Error {
  return new Error(`kernel.tick(${timeMs}): an earlier tick failed (${failedBecause})`);
}

function backwardsTimeError(timeMs: number, lastTimeMs: number): Error {
  return new Error(`kernel.tick(${timeMs}): time went backwards (last tick was at ${lastTimeMs})`);
}

function hasFirstStepPending(plan: Plan): boolean {
  for (let position = 0; position < plan.size; position++) {
    if ((plan.flags[position] & PositionFlag.FirstTick) !== 0) return true;
  }
  return false;
}
