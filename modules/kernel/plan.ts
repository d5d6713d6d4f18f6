// The compiled form of a patch: flat arrays indexed by step position (the module's place in
// topological order), so a tick walks positions 0..size-1 through arrays read in sequence.
import type { ModuleInstance, PortValues } from './instances';
import type { BatchRunner } from './batch-runner';
import type { FusedRunner } from './fused-runner';
import type { LatchRunner } from './latch-runner';
import type { ProbeTapRecorder } from './taps';

/** Bits of Plan.flags. */
export const PositionFlag = {
  /** A new instance owes its unprompted first step (no input ports, or a latch module). */
  FirstTick: 1,
  /** Steps in any tick where feeds.bar is set. */
  OnBarFeed: 2,
  /** Has `latch`: inputs do not make it step; it latches at the end of the tick instead. */
  Latch: 4,
  /** At least one probe tap reads one of its outputs. */
  Tapped: 8,
  /** wakeMs holds a requested wake-up (set by wakeAt, cleared when it fires). */
  WakePending: 16,
  /** Steps in any tick where feeds.market.changed is set. */
  OnMarketFeed: 32,
} as const;

export interface Plan {
  readonly size: number;
  /** Step position -> index of the module in patch.modules (Kahn order). */
  readonly order: Int32Array;
  readonly positionById: ReadonlyMap<string, number>;
  /** Owners of the state, kept across hot patches; the tick reads the parallel arrays below. */
  readonly instances: readonly ModuleInstance[];
  readonly states: readonly unknown[];
  readonly inputValues: readonly PortValues[];
  readonly outputValues: readonly PortValues[];
  /** Batch b is positions batchStart[b] .. batchStart[b + 1] - 1, all of one module type. */
  readonly batchStart: Int32Array;
  /** Decide, gather, step, scatter for a batch: specialised per module type (batch-runner.ts). */
  readonly batchRunners: readonly BatchRunner[];
  /**
   * Per batch, code generated for this plan that runs it in place of its batch runner
   * (fused-runner.ts), or null: all null in generic mode or without code generation.
   */
  readonly fusedRunners: readonly (FusedRunner | null)[];
  /**
   * Per batch with a fused runner: the batch after the group of batches that runner runs (one
   * generated function may run several consecutive small batches, see fused-runner.ts).
   */
  readonly fusedUntil: Int32Array;

  /** Inputs of position p are inputSlot[inputStart[p] .. inputStart[p + 1]), in port order. */
  readonly inputStart: Int32Array;
  /**
   * The slot each input reads. An unconnected input reads a constant slot of its own that
   * holds its default and never emits, so neither the tick nor the gather needs a branch.
   */
  readonly inputSlot: Int32Array;
  /** Outputs of position p are slots outputStart[p] .. outputStart[p + 1], in port order. */
  readonly outputStart: Int32Array;
  /** Slots 0 .. outputSlotCount - 1 are outputs; the constant slots follow. */
  readonly outputSlotCount: number;

  /** Values of number and bool (0/1) slots. */
  readonly numbers: Float64Array;
  /** Values of bar and order-intent slots. */
  readonly references: (object | null)[];
  /** Tick number at which each slot last emitted; "changed this tick" is equality. */
  readonly emittedAtTick: Float64Array;

  /** Earliest requested wake-up per position, Infinity when none. */
  readonly wakeMs: Float64Array;
  /** PositionFlag bits per position. */
  readonly flags: Uint8Array;
  readonly latchPositions: Int32Array;
  /** Parallel to latchPositions. */
  readonly latchRunners: readonly LatchRunner[];
  readonly tapsAt: (ProbeTapRecorder[] | null)[];
}
