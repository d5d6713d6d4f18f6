// Pieces of generated runner source, per module type. Port names come from module definitions
// (our code, never a patch file) and are embedded as JSON string literals, so the generated
// source cannot be anything but property accesses on the objects we pass in.
import { PositionFlag } from './plan';
import { SlotKind } from './port-layout';
import type { PortLayout } from './port-layout';

export type RunnerMode = 'specialised' | 'generic';

let codeGeneration: boolean | undefined;

/** False where `new Function` is forbidden (a strict Content-Security-Policy). */
export function codeGenerationWorks(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = new Function('return 1')() === 1;
    } catch {
      codeGeneration = false;
    }
  }
  return codeGeneration;
}

/** `a || b`: did any input emit this tick? Expects `emittedAtTick`, `inputSlot`, `inputBase`, `tick`. */
export function inputEmittedSource(layout: PortLayout): string {
  if (layout.inputNames.length === 0) return 'false';
  return layout.inputNames.map((_, i) => `emittedAtTick[inputSlot[inputBase + ${i}]] === tick`).join(' || ');
}

/**
 * Statements that declare `flag` (the position's flags) and set `due` for a wake-up, a first
 * step or the bar feed, clearing a wake-up or first step that fires. A position without flags
 * (most of them, most ticks) costs one load and one branch: a pending wake-up has its own bit,
 * so wakeMs is only read where one is pending. Expects `flags`, `wakeMs`, `timeMs`,
 * `barArrived`, `marketArrived` and a `let due` in scope; `position` is the position's expression.
 */
export function dueSource(position: string): string {
  const { FirstTick, WakePending, OnBarFeed, OnMarketFeed } = PositionFlag;
  return `let flag = flags[${position}];
    if (flag !== 0) {
      if ((flag & ${WakePending}) !== 0 && wakeMs[${position}] <= timeMs) {
        wakeMs[${position}] = Infinity;
        flag &= ${~WakePending};
        flags[${position}] = flag;
        due = true;
      }
      if ((flag & ${FirstTick}) !== 0) {
        flag &= ${~FirstTick};
        flags[${position}] = flag;
        due = true;
      }
      if (barArrived && (flag & ${OnBarFeed}) !== 0) due = true;
      if (marketArrived && (flag & ${OnMarketFeed}) !== 0) due = true;
    }`;
}

/**
 * One statement per input copying its slot into `target`. `slotOf(i)` is the source expression
 * of input i's slot: a lookup for per-type loops, a constant for per-plan code.
 */
export function gatherSource(
  layout: PortLayout,
  slotOf: (input: number) => string = (i) => `inputSlot[inputBase + ${i}]`,
  target = 'inputs',
): string {
  return layout.inputNames
    .map((name, i) => {
      const slot = slotOf(i);
      const kind = layout.inputKinds[i];
      const read =
        kind === SlotKind.Number
          ? `numbers[${slot}]`
          : kind === SlotKind.Bool
            ? `numbers[${slot}] !== 0`
            : `references[${slot}]`;
      return `${target}[${JSON.stringify(name)}] = ${read};`;
    })
    .join('\n');
}

/** Statements copying `source` into the output slots (`slotOf(i)`, default from `outputBase`) and stamping them. */
export function scatterSource(
  layout: PortLayout,
  slotOf: (output: number) => string = (i) => `outputBase + ${i}`,
  source = 'outputs',
): string {
  return layout.outputNames
    .flatMap((name, i) => {
      const value = `${source}[${JSON.stringify(name)}]`;
      const slot = slotOf(i);
      const kind = layout.outputKinds[i];
      const write =
        kind === SlotKind.Number
          ? `numbers[${slot}] = ${value};`
          : kind === SlotKind.Bool
            ? `numbers[${slot}] = ${value} ? 1 : 0;`
            : `references[${slot}] = ${value};`;
      return [write, `emittedAtTick[${slot}] = tick;`];
    })
    .join('\n');
}

/**
 * The work of a module with a scalar form, in place of gather, step and scatter: one call of
 * `scalar` with the input slots' values, its result stored in the output slot, stamped. Expects
 * `numbers`, `emittedAtTick`, `tick` and the scalar form (named `scalar`) in scope; `slotOf` as for gatherSource,
 * `outputSlot` the output slot's expression, `state` the state's.
 */
export function scalarSource(
  layout: PortLayout,
  slotOf: (input: number) => string,
  outputSlot: string,
  state: string,
  scalar = 'scalar',
): string {
  const args = layout.inputKinds.map((kind, i) =>
    kind === SlotKind.Bool ? `numbers[${slotOf(i)}] !== 0` : `numbers[${slotOf(i)}]`,
  );
  const call = `${scalar}(${[state, ...args].join(', ')})`;
  const value = layout.outputKinds[0] === SlotKind.Bool ? `(${call} ? 1 : 0)` : call;
  return `numbers[${outputSlot}] = ${value};\nemittedAtTick[${outputSlot}] = tick;`;
}

/** Names generated code in stack traces and profiles, e.g. `kernel/batch/math/add`. */
export function sourceUrlComment(kind: 'batch' | 'latch', layout: PortLayout): string {
  return `\n//# sourceURL=kernel/${kind}/${layout.definition.type.replace(/[^\w/-]/g, '_')}`;
}
