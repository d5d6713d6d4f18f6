// End of tick: a latch module (logic/delay) whose input emitted this tick takes its inputs in.
// Specialised per type like the batch runners, so the gather stores numbers in place instead
// of boxing them through a generic keyed store (which would allocate on every latch).
import type { AnyModuleDefinition } from '../sdk/define-module';
import type { Plan } from './plan';
import type { PortLayout } from './port-layout';
import { codeGenerationWorks, gatherSource, sourceUrlComment, inputEmittedSource } from './runner-source';
import type { RunnerMode } from './runner-source';
import { gatherInputs, inputEmitted } from './slot-access';
import type { KernelStepContext } from './step-context';

/** Latches the position if one of its inputs emitted this tick; returns whether it did. */
export type LatchRunner = (plan: Plan, position: number, context: KernelStepContext) => boolean;

const specialisedRunners = new WeakMap<AnyModuleDefinition, LatchRunner>();
const genericRunners = new WeakMap<AnyModuleDefinition, LatchRunner>();

export function latchRunnerFor(layout: PortLayout, mode: RunnerMode): LatchRunner {
  const latch = layout.definition.latch;
  if (!latch) throw new Error(`latchRunnerFor: ${layout.definition.type} has no latch`);
  const cache = mode === 'specialised' && codeGenerationWorks() ? specialisedRunners : genericRunners;
  let runner = cache.get(layout.definition);
  if (!runner) {
    runner = cache === specialisedRunners ? specialisedRunner(layout, latch) : genericRunner(layout, latch);
    cache.set(layout.definition, runner);
  }
  return runner;
}

type Latch = NonNullable<AnyModuleDefinition['latch']>;

function specialisedRunner(layout: PortLayout, latch: Latch): LatchRunner {
  const source = `'use strict';
return function runLatch(plan, position, context) {
  const numbers = plan.numbers;
  const references = plan.references;
  const emittedAtTick = plan.emittedAtTick;
  const inputSlot = plan.inputSlot;
  const inputBase = plan.inputStart[position];
  const tick = context.tick;
  if (!(${inputEmittedSource(layout)})) return false;
  context.position = position;
  const inputs = plan.inputValues[position];
  ${gatherSource(layout)}
  latch(plan.states[position], inputs, context);
  return true;
};${sourceUrlComment('latch', layout)}`;
  return (new Function('latch', source) as (latch: Latch) => LatchRunner)(latch);
}

function genericRunner(layout: PortLayout, latch: Latch): LatchRunner {
  return (plan, position, context) => {
    if (!inputEmitted(plan, position, context.tick)) return false;
    gatherInputs(plan, position, layout);
    context.position = position;
    latch(plan.states[position], plan.inputValues[position], context);
    return true;
  };
}
