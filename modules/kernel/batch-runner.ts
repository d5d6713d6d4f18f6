// A batch is a run of consecutive step positions holding modules of one type (compile.ts
// orders them so). Its runner does the tick's work for each: decide whether the module is due,
// gather its inputs from the slots, call `step`, scatter its outputs back and stamp them.
//
// This is the hot loop, so it is specialised per module type: a function generated once per
// definition names each port literally and unrolls the per-port work, which keeps every
// property access monomorphic and lets V8 inline the module's own `step` into the loop. Where
// code generation is unavailable a generic loop does the same work, slower; tests check that
// both give bit-identical results. In plans of a few dozen batches, batches of one or two
// positions run through code generated for the plan instead (fused-runner.ts).
import type { AnyModuleDefinition } from '../sdk/define-module';
import { PositionFlag } from './plan';
import type { Plan } from './plan';
import type { PortLayout } from './port-layout';
import {
  codeGenerationWorks,
  dueSource,
  gatherSource,
  sourceUrlComment,
  scalarSource,
  scatterSource,
} from './runner-source';
import type { RunnerMode } from './runner-source';
import { gatherInputs, inputEmitted, scatterOutputs } from './slot-access';
import type { KernelStepContext } from './step-context';
import { recordTaps } from './taps';

/** Runs positions [start, end) for this tick; returns how many modules stepped. */
export type BatchRunner = (plan: Plan, start: number, end: number, context: KernelStepContext) => number;

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

function specialisedRunner(layout: PortLayout): BatchRunner {
  // Positions in a batch are consecutive and of one type, so their inputs and outputs sit at
  // a fixed stride: the bases advance by a constant instead of being loaded per position.
  const inputCount = layout.inputNames.length;
  const outputCount = layout.outputNames.length;
  // Each input's slot is loaded once, for the emitted check and for the value.
  const slots = layout.inputNames.map((_, i) => `const s${i} = inputSlot[inputBase + ${i}];`).join('\n    ');
  // A latch module's inputs do not make it step (it latches at the end of the tick instead).
  const dueOnInput =
    layout.breaksCycles || inputCount === 0
      ? 'false'
      : layout.inputNames.map((_, i) => `emittedAtTick[s${i}] === tick`).join(' || ');
  // A scalar form with inputs steps only when one emitted (see scalarBlockSource in
  // fused-runner.ts): its flags can only say Tapped, read after it stepped.
  const onInputsOnly = layout.scalar && inputCount > 0;
  const work = layout.scalar
    ? scalarSource(layout, (i) => `s${i}`, 'outputBase', 'states[position]')
    : stepSource(layout);
  // context.position is set before each module runs, for ctx and for the kernel to name a
  // module that throws. Not in a catch instead: a try block in these functions kept V8 from
  // inlining modules' helpers (indicators/stoch then boxed 32 bytes a tick).
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
  const market = context.feeds.market;
  const marketArrived = market !== undefined && market !== null && market.changed;
  let steps = 0;
  let inputBase = plan.inputStart[start] - ${inputCount};
  let outputBase = plan.outputStart[start] - ${outputCount};
  for (let position = start; position < end; position++) {
    inputBase += ${inputCount};
    outputBase += ${outputCount};
    ${slots}
    ${
      onInputsOnly
        ? `if (!(${dueOnInput})) continue;`
        : `let due = ${dueOnInput};
    ${dueSource('position')}
    if (!due) continue;`
    }
    context.position = position;
    steps++;
    ${work}
    if ((${onInputsOnly ? 'flags[position]' : 'flag'} & ${PositionFlag.Tapped}) !== 0) recordTaps(plan, position, context);
  }
  return steps;
};${sourceUrlComment('batch', layout)}`;
  const make = new Function('step', 'scalar', 'recordTaps', source) as (
    step: AnyModuleDefinition['step'],
    scalar: AnyModuleDefinition['scalar'],
    record: typeof recordTaps,
  ) => BatchRunner;
  return make(layout.definition.step, layout.definition.scalar, recordTaps);
}

/** Gather, step and scatter through the position's inputs and outputs objects. */
function stepSource(layout: PortLayout): string {
  return `const inputs = inputValues[position];
      const outputs = outputValues[position];
      ${gatherSource(layout, (i) => `s${i}`)}
      if (step(states[position], inputs, outputs, context) === false) continue;
      ${scatterSource(layout)}`;
}

function genericRunner(layout: PortLayout): BatchRunner {
  const step = layout.definition.step;
  const dueOnInput = !layout.breaksCycles;
  return (plan, start, end, context) => {
    const { tick, timeMs } = context;
    const barArrived = context.feeds.bar !== null;
    const market = context.feeds.market;
    const marketArrived = market !== undefined && market !== null && market.changed;
    let steps = 0;
    for (let position = start; position < end; position++) {
      let flag = plan.flags[position];
      let due = dueOnInput && inputEmitted(plan, position, tick);
      if (plan.wakeMs[position] <= timeMs) {
        plan.wakeMs[position] = Number.POSITIVE_INFINITY; // a wake-up fires once
        flag &= ~PositionFlag.WakePending;
        plan.flags[position] = flag;
        due = true;
      }
      if ((flag & PositionFlag.FirstTick) !== 0) {
        flag &= ~PositionFlag.FirstTick;
        plan.flags[position] = flag;
        due = true;
      }
      if (barArrived && (flag & PositionFlag.OnBarFeed) !== 0) due = true;
      if (marketArrived && (flag & PositionFlag.OnMarketFeed) !== 0) due = true;
      if (!due) continue;
      context.position = position;
      steps++;
      gatherInputs(plan, position, layout);
      const outputs = plan.outputValues[position];
      if (step(plan.states[position], plan.inputValues[position], outputs, context) === false) continue;
      scatterOutputs(plan, position, layout, tick);
      if ((flag & PositionFlag.Tapped) !== 0) recordTaps(plan, position, context);
    }
    return steps;
  };
}
