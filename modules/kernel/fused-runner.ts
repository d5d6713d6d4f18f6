// Generated code per plan for its small batches. A strategy patch uses most module types once
// or twice, and a batch of one or two pays more for running through its type's shared loop
// (a dozen array loads and the loop's setup, every tick) than for its own work. So for each
// batch of one or two positions, a function is generated with the positions written out as
// straight-line blocks, every slot index, state and port object a constant. The blocks do
// exactly what a batch runner does (batch-runner.ts); tests check that both give bit-identical
// results. Larger batches keep their type's loop.
//
// One function per batch, not one for the whole tick: V8 inlines only so much into one
// function (about 920 bytes of bytecode), and a module helper left out of a fused function
// gets its numbers boxed on every call. A batch's own function gives its step and helpers the
// whole budget, as the per-type batch runners do.
//
// Only for plans of a few dozen batches (`fusedBatchesMax`): a typical strategy patch, not a
// 10,000-module one.
import type { AnyModuleDefinition } from '../sdk/define-module';
import { PositionFlag } from './plan';
import type { Plan } from './plan';
import type { PortLayout } from './port-layout';
import { dueSource, gatherSource, scalarSource, scatterSource } from './runner-source';
import type { KernelStepContext } from './step-context';
import { recordTaps } from './taps';

/** Runs its batch for this tick; returns how many modules stepped. */
export type FusedRunner = (context: KernelStepContext) => number;

/** Batches of at most this many positions get a generated function. */
export const fusedBatchSizeMax = 2;
/**
 * Plans with more batches than this get none. Each generated function is code of its own,
 * called through one shared call site: measured on chains of alternating types, fusing wins
 * (up to 2x per module) up to about 32 batches, breaks even near 64-128 and loses past that,
 * where the few per-type loops stay hot in the caches and the generated code does not.
 */
export const fusedBatchesMax = 32;

/**
 * Consecutive small batches of small scalar forms (or small steps) share one generated
 * function, up to this much source (characters of their `toString()`, a stand-in for V8's bytecode size):
 * a call per batch saved, while V8 still inlines all of them (it inlines about 920 bytes of
 * bytecode into one function; a scalar form left out would get its numbers boxed).
 */
export const groupedScalarSourceMax = 1200;
/** A scalar form longer than this keeps a function of its own (it may call helpers too). */
export const groupedScalarSourceEach = 400;

/**
 * The length of a scalar form's (or a step's) source when it may share a function with
 * others, else Infinity: when it is longer than groupedScalarSourceEach, or calls anything but
 * Math and Number functions (a helper's code, which V8 would have to inline too, is not in the
 * source). Keywords followed by a parenthesis are not calls.
 */
export function groupableSize(scalar: (...args: never[]) => unknown): number {
  const source = String(scalar);
  if (source.length > groupedScalarSourceEach) return Number.POSITIVE_INFINITY;
  const body = source.slice(source.indexOf('{'));
  for (const call of body.matchAll(/([\w$.]+)\s*\(/g)) {
    if (!/^((Math|Number)\.\w+|if|switch|while|for|return|typeof)$/.test(call[1]))
      return Number.POSITIVE_INFINITY;
  }
  return source.length;
}

export interface FusedRunners {
  /** Per batch: the generated runner that runs it (shared by the batches of a group), or null. */
  runners: (FusedRunner | null)[];
  /** Per batch: the batch after the group it starts (batch + 1 when not grouped). */
  until: Int32Array;
}

/**
 * A generated runner for each small batch of the plan, null for the others (which run through
 * their type's batch runner); one entry per batch. Runs of small scalar batches are grouped.
 */
export function fusedRunnersFor(plan: Plan, layouts: readonly PortLayout[]): FusedRunners {
  const batchCount = plan.batchStart.length - 1;
  const runners: (FusedRunner | null)[] = [];
  const until = Int32Array.from({ length: batchCount }, (_, batch) => batch + 1);
  const small = (batch: number) =>
    batchCount <= fusedBatchesMax && plan.batchStart[batch + 1] - plan.batchStart[batch] <= fusedBatchSizeMax;
  const scalarSize = (batch: number) => {
    // A scalar form, else the step (which the generated code calls the same way).
    const definition = layouts[plan.batchStart[batch]].definition;
    const size = groupableSize(definition.scalar ?? definition.step);
    return size * (plan.batchStart[batch + 1] - plan.batchStart[batch]);
  };
  for (let batch = 0; batch < batchCount;) {
    if (!small(batch)) {
      runners.push(null);
      batch++;
      continue;
    }
    let end = batch + 1;
    let size = scalarSize(batch);
    while (end < batchCount && small(end) && size + scalarSize(end) <= groupedScalarSourceMax) {
      size += scalarSize(end);
      end++;
    }
    const runner = fusedRunner(plan, layouts, plan.batchStart[batch], plan.batchStart[end]);
    for (let b = batch; b < end; b++) runners.push(runner);
    until[batch] = end;
    batch = end;
  }
  return { runners, until };
}

/**
 * Numbers each generated function's source. V8 caches compiled code by source text, so two
 * plans with the same batch (two kernels of one patch) would otherwise share one function and
 * its type feedback, and V8 could no longer treat that plan's slots and objects as constants.
 */
let generatedCount = 0;

function fusedRunner(plan: Plan, layouts: readonly PortLayout[], start: number, end: number): FusedRunner {
  const positions = Array.from({ length: end - start }, (_, i) => start + i);
  // A group holds several types: each position names its own step or scalar form.
  const constants = positions.map(
    (p) =>
      `const state${p} = states[${p}], inputs${p} = inputValues[${p}], outputs${p} = outputValues[${p}];\n` +
      `const step${p} = definitions[${p - start}].step, scalar${p} = definitions[${p - start}].scalar;`,
  );
  const source = `'use strict';
${constants.join('\n')}
const numbers = plan.numbers;
const references = plan.references;
const emittedAtTick = plan.emittedAtTick;
const wakeMs = plan.wakeMs;
const flags = plan.flags;
return function runFused(context) {
  const tick = context.tick;
  const timeMs = context.timeMs;
  const barArrived = context.feeds.bar !== null;
  const market = context.feeds.market;
  const marketArrived = market !== undefined && market !== null && market.changed;
  let steps = 0;
${positions.map((p) => blockSource(plan, layouts[p], p)).join('\n')}
  return steps;
};
//# sourceURL=kernel/fused/${++generatedCount}/${layouts[start].definition.type.replace(/[^\w/-]/g, '_')}`;
  const make = new Function(
    'plan',
    'states',
    'inputValues',
    'outputValues',
    'definitions',
    'recordTaps',
    source,
  ) as (
    plan: Plan,
    states: Plan['states'],
    inputValues: Plan['inputValues'],
    outputValues: Plan['outputValues'],
    definitions: readonly AnyModuleDefinition[],
    record: typeof recordTaps,
  ) => FusedRunner;
  return make(
    plan,
    plan.states,
    plan.inputValues,
    plan.outputValues,
    positions.map((p) => layouts[p].definition),
    recordTaps,
  );
}

/** One position's tick, as a batch runner does it, with every index a constant. */
function blockSource(plan: Plan, layout: PortLayout, p: number): string {
  const inputSlots = layout.inputNames.map((_, i) => plan.inputSlot[plan.inputStart[p] + i]);
  const outputBase = plan.outputStart[p];
  // An unconnected input reads a constant slot, which never emits: leave it out of the check.
  const emitting = inputSlots.filter((slot) => slot < plan.outputSlotCount);
  const dueOnInput =
    layout.breaksCycles || emitting.length === 0
      ? 'false'
      : emitting.map((slot) => `emittedAtTick[${slot}] === tick`).join(' || ');
  if (layout.scalar && layout.inputNames.length > 0)
    return scalarBlockSource(layout, p, inputSlots, outputBase, dueOnInput);
  const tapped = `if ((flag & ${PositionFlag.Tapped}) !== 0) recordTaps(plan, ${p}, context);`;
  const work = layout.scalar
    ? `${scalarSource(layout, (i) => String(inputSlots[i]), String(outputBase), `state${p}`, `scalar${p}`)}
      ${tapped}`
    : `${gatherSource(layout, (i) => String(inputSlots[i]), `inputs${p}`)}
      if (step${p}(state${p}, inputs${p}, outputs${p}, context) !== false) {
        ${scatterSource(layout, (i) => String(outputBase + i), `outputs${p}`)}
        ${tapped}
      }`;
  return `  // ${p}: ${layout.definition.type}
  {
    let due = ${dueOnInput};
    ${dueSource(String(p))}
    if (due) {
      context.position = ${p};
      steps++;
      ${work}
    }
  }`;
}

/**
 * A module with a scalar form and inputs steps only when an input emitted: it has no ctx, so
 * no wake-ups, no feed and no latch, and only a module without inputs owes a first step. Its
 * flags can only say Tapped, so they are read only after it stepped.
 */
function scalarBlockSource(
  layout: PortLayout,
  p: number,
  inputSlots: readonly number[],
  outputBase: number,
  dueOnInput: string,
): string {
  return `  // ${p}: ${layout.definition.type}
  if (${dueOnInput}) {
    context.position = ${p};
    steps++;
    ${scalarSource(layout, (i) => String(inputSlots[i]), String(outputBase), `state${p}`, `scalar${p}`)}
    if ((flags[${p}] & ${PositionFlag.Tapped}) !== 0) recordTaps(plan, ${p}, context);
  }`;
}
