// The compiled form of a patch: flat arrays indexed by step position (the module's place in
// topological order), so a tick walks positions 0..size-1 and touches typed arrays only.
import type { ModuleInstance } from './instances';
import type { StepRunner } from './step-runner';
import type { ProbeTapRecorder } from './taps';

export interface Plan {
  readonly size: number;
  /** Step position -> index of the module in patch.modules (Kahn order). */
  readonly order: Int32Array;
  readonly positionById: ReadonlyMap<string, number>;
  readonly instances: readonly ModuleInstance[];
  /** Gather inputs, step, scatter outputs: specialised per module type (see step-runner.ts). */
  readonly runners: readonly StepRunner[];

  /** Inputs of position p are inputSlot[inputStart[p] .. inputStart[p + 1]), in port order. */
  readonly inputStart: Int32Array;
  /** Output slot feeding each input, or -1 when the input is unconnected. */
  readonly inputSlot: Int32Array;
  /** Outputs of position p are slots outputStart[p] .. outputStart[p + 1], in port order. */
  readonly outputStart: Int32Array;

  /** SlotKind of each output slot. */
  readonly slotKind: Uint8Array;
  /** Values of number and bool (0/1) outputs. */
  readonly numbers: Float64Array;
  /** Values of bar and order-intent outputs. */
  readonly references: (object | null)[];
  /** Tick number at which each slot last emitted; "changed this tick" is equality. */
  readonly emittedAtTick: Float64Array;

  /** Earliest requested wake-up per position, Infinity when none. */
  readonly wakeMs: Float64Array;
  /** 1 until the first tick of a new instance that steps unprompted (no inputs, or a latch). */
  readonly firstTick: Uint8Array;
  readonly onBarFeed: Uint8Array;
  /** 1 for modules with `latch`: inputs do not make them step, they latch at the end of the tick. */
  readonly latches: Uint8Array;
  readonly latchPositions: Int32Array;
  /** 1 where at least one probe tap reads an output of the position. */
  readonly tapped: Uint8Array;
  readonly tapsAt: (ProbeTapRecorder[] | null)[];
}
