// A batch is a run of consecutive step positions holding modules of one type (compile.ts
// orders them so). Its runner does the tick's work for each: decide whether the module is due,
// gather its inputs from the slots, call `step`, scatter its outputs back and stamp them.
//
// This is the hot loop, so it is specialised per module type: a function generated once per
// definition names each port literally and unrolls the per-port work, which keeps every
// property access monomorphic and lets V8 inline the module's own `step` into the loop. Where
// code generation is unavailable (a strict Content-Security-Policy) a generic loop does the
// same work, slower; tests check that both give bit-identical results.
import type { AnyModuleDefinition } from '../sdk/define-module';
import type { PortValue } from './instances';
import { PositionFlag } from './plan';
import type { Plan } from './plan';
import { SlotKind } from './port-layout';
import type { PortLayout } from './port-layout';
import type { KernelStepContext } from './step-context';
import { recordTaps } from './taps';

/** Runs positions [start, end) for this tick; returns how many modules stepped. */
export type BatchRunner = (plan: Plan, start: number, end: number, context: KernelStepContext) => number;

export type RunnerMode = 'specialised' | 'generic';

const specialisedRunners = new WeakMap<AnyModuleDefinition, BatchRunner>();
const genericRunners = new WeakMap<AnyModuleDefinition, BatchRunner>();

export function batchRunnerFor(layout: PortLayout, mode: RunnerMode): BatchRunner {
  const cache = mode === 'specialised' && codeGenerationWorks() ? specialisedRunners : genericRunners;
  let runner = cache.get(layout.definition);
  if (!runner) {
    runner = cache === specialisedRunners ? specialisedRunner(layout) : genericRunner(layout);
    cache.set(layout.definition, runner);
  }
  return runner;
}

let codeGeneration: boolean | undefined;

function codeGenerationWorks(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = new Function('return 1')() === 1;
    } catch {
      codeGeneration = false;
    }
  }
  return codeGeneration;
}

/**
 * Port names come from module definitions (our code, never a patch file) and are embedded as
 * JSON string literals, so the generated source cannot be anything but property accesses.
 */
function specialisedRunner(layout: PortLayout): BatchRunner {
  const inputCount = layout.inputNames.length;
  const inputChecks = layout.inputNames.map((_, i) => `emittedAtTick[inputSlot[inputBase + ${i}]] === tick`);
  const gathers = layout.inputNames.map((name, i) => {
    const slot = `inputSlot[inputBase + ${i}]`;
    const kind = layout.inputKinds[i];
    const read =
      kind === SlotKind.Number
        ? `numbers[${slot}]`
        : kind === SlotKind.Bool
          ? `numbers[${slot}] !== 0`
          : `references[${slot}]`;
    return `inputs[${JSON.stringify(name)}] = ${read};`;
  });
  const scatters = layout.outputNames.flatMap((name, i) => {
    const value = `outputs[${JSON.stringify(name)}]`;
    const kind = layout.outputKinds[i];
    const write =
      kind === SlotKind.Number
        ? `numbers[outputBase + ${i}] = ${value};`
        : kind === SlotKind.Bool
          ? `numbers[outputBase + ${i}] = ${value} ? 1 : 0;`
          : `references[outputBase + ${i}] = ${value};`;
    return [write, `emittedAtTick[outputBase + ${i}] = tick;`];
  });
  // Positions in a batch are consecutive and of one type, so their inputs and outputs sit at
  // a fixed stride: the bases advance by a constant instead of being loaded per position.
  const outputCount = layout.outputNames.length;
  const checkInputs = inputCount > 0 && !layout.breaksCycles;
  const source = `'use strict';
return function runBatch(plan, start, end, context) {
  const numbers = plan.numbers;
  const references = plan.references;
  const emittedAtTick = plan.emittedAtTick;
  const inputSlot = plan.inputSlot;
  const wakeMs = plan.wakeMs;
  const flags = plan.flags;
  const states = plan.states;
  const inputValues = plan.inputValues;
  const outputValues = plan.outputValues;
  const tick = context.tick;
  const timeMs = context.timeMs;
  const barArrived = context.feeds.bar !== null;
  let steps = 0;
  let inputBase = plan.inputStart[start] - ${inputCount};
  let outputBase = plan.outputStart[start] - ${outputCount};
  for (let position = start; position < end; position++) {
    inputBase += ${inputCount};
    outputBase += ${outputCount};
    let due = ${checkInputs ? inputChecks.join(' || ') : 'false'};
    const flag = flags[position];
    if (flag !== 0 || wakeMs[position] <= timeMs) {
      if (wakeMs[position] <= timeMs) {
        wakeMs[position] = Infinity;
        due = true;
      }
      if ((flag & ${PositionFlag.FirstTick}) !== 0) {
        flags[position] = flag & ${~PositionFlag.FirstTick};
        due = true;
      }
      if (barArrived && (flag & ${PositionFlag.OnBarFeed}) !== 0) due = true;
    }
    if (!due) continue;
    context.position = position;
    steps++;
    const inputs = inputValues[position];
    const outputs = outputValues[position];
    ${gathers.join('\n    ')}
    if (step(states[position], inputs, outputs, context) === false) continue;
    ${scatters.join('\n    ')}
    if ((flag & ${PositionFlag.Tapped}) !== 0) recordTaps(plan, position, timeMs);
  }
  return steps;
};`;
  const make = new Function('step', 'recordTaps', source) as (
    step: AnyModuleDefinition['step'],
    record: typeof recordTaps,
  ) => BatchRunner;
  return make(layout.definition.step, recordTaps);
}

function genericRunner(layout: PortLayout): BatchRunner {
  const step = layout.definition.step;
  const checksInputs = !layout.breaksCycles;
  return (plan, start, end, context) => {
    const { tick, timeMs } = context;
    const barArrived = context.feeds.bar !== null;
    let steps = 0;
    for (let position = start; position < end; position++) {
      const flag = plan.flags[position];
      let due = false;
      if (plan.wakeMs[position] <= timeMs) {
        plan.wakeMs[position] = Number.POSITIVE_INFINITY; // a wake-up fires once
        due = true;
      }
      if ((flag & PositionFlag.FirstTick) !== 0) {
        plan.flags[position] = flag & ~PositionFlag.FirstTick;
        due = true;
      }
      if (barArrived && (flag & PositionFlag.OnBarFeed) !== 0) due = true;
      if (!due && checksInputs) due = inputEmitted(plan, position, tick);
      if (!due) continue;
      context.position = position;
      steps++;
      gatherInputs(plan, position, layout);
      const outputs = plan.outputValues[position];
      if (step(plan.states[position], plan.inputValues[position], outputs, context) === false) continue;
      scatterOutputs(plan, position, layout, tick);
      if ((flag & PositionFlag.Tapped) !== 0) recordTaps(plan, position, timeMs);
    }
    return steps;
  };
}

/** True when any input of the position emitted this tick. */
export function inputEmitted(plan: Plan, position: number, tick: number): boolean {
  for (let input = plan.inputStart[position]; input < plan.inputStart[position + 1]; input++) {
    if (plan.emittedAtTick[plan.inputSlot[input]] === tick) return true;
  }
  return false;
}

/** Copy every input's slot value (a constant slot when unconnected) into the inputs object. */
export function gatherInputs(plan: Plan, position: number, layout: PortLayout): void {
  const inputs = plan.inputValues[position];
  const base = plan.inputStart[position];
  for (let i = 0; i < layout.inputNames.length; i++) {
    const slot = plan.inputSlot[base + i];
    const kind = layout.inputKinds[i];
    inputs[layout.inputNames[i]] =
      kind === SlotKind.Number
        ? plan.numbers[slot]
        : kind === SlotKind.Bool
          ? plan.numbers[slot] !== 0
          : (plan.references[slot] as PortValue);
  }
}

function scatterOutputs(plan: Plan, position: number, layout: PortLayout, tick: number): void {
  const outputs = plan.outputValues[position];
  const base = plan.outputStart[position];
  for (let i = 0; i < layout.outputNames.length; i++) {
    const value = outputs[layout.outputNames[i]];
    const kind = layout.outputKinds[i];
    if (kind === SlotKind.Number) plan.numbers[base + i] = value as number;
    else if (kind === SlotKind.Bool) plan.numbers[base + i] = value ? 1 : 0;
    else plan.references[base + i] = value as object | null;
    plan.emittedAtTick[base + i] = tick;
  }
}
