// One step of one module: gather its inputs from the slots, call `step`, scatter its outputs
// back and stamp them. A tick calls this for every due module, so it is specialised per module
// type: a function generated once per definition names each port literally, which keeps every
// property access monomorphic and lets V8 inline the module's own `step`. Where code generation
// is unavailable (a strict Content-Security-Policy) a generic loop does the same work.
import type { AnyModuleDefinition, StepContext } from '../sdk/define-module';
import type { PortValue } from './instances';
import type { Plan } from './plan';
import { SlotKind } from './port-layout';
import type { PortLayout } from './port-layout';

/** Returns true when the module emitted (its outputs were written to the slots and stamped). */
export type StepRunner = (plan: Plan, position: number, tick: number, context: StepContext) => boolean;

export type RunnerMode = 'specialised' | 'generic';

const specialisedRunners = new WeakMap<AnyModuleDefinition, StepRunner>();
const genericRunners = new WeakMap<AnyModuleDefinition, StepRunner>();

export function runnerFor(layout: PortLayout, mode: RunnerMode): StepRunner {
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
function specialisedRunner(layout: PortLayout): StepRunner {
  const lines: string[] = [
    'const inputs = plan.inputValues[position];',
    'const outputs = plan.outputValues[position];',
    'const numbers = plan.numbers;',
    'const references = plan.references;',
  ];
  if (layout.inputNames.length > 0) {
    lines.push('const inputSlot = plan.inputSlot;', 'const inputBase = plan.inputStart[position];');
  }
  layout.inputNames.forEach((name, i) => {
    const slot = `inputSlot[inputBase + ${i}]`;
    const kind = layout.inputKinds[i];
    const read =
      kind === SlotKind.Number
        ? `numbers[${slot}]`
        : kind === SlotKind.Bool
          ? `numbers[${slot}] !== 0`
          : `references[${slot}]`;
    lines.push(`inputs[${JSON.stringify(name)}] = ${read};`);
  });
  lines.push('if (step(plan.states[position], inputs, outputs, context) === false) return false;');
  if (layout.outputNames.length > 0) {
    lines.push('const emittedAtTick = plan.emittedAtTick;', 'const outputBase = plan.outputStart[position];');
  }
  layout.outputNames.forEach((name, i) => {
    const value = `outputs[${JSON.stringify(name)}]`;
    const kind = layout.outputKinds[i];
    if (kind === SlotKind.Number) lines.push(`numbers[outputBase + ${i}] = ${value};`);
    else if (kind === SlotKind.Bool) lines.push(`numbers[outputBase + ${i}] = ${value} ? 1 : 0;`);
    else lines.push(`references[outputBase + ${i}] = ${value};`);
    lines.push(`emittedAtTick[outputBase + ${i}] = tick;`);
  });
  lines.push('return true;');
  const source = `'use strict';\nreturn function run(plan, position, tick, context) {\n${lines.join('\n')}\n};`;
  const make = new Function('step', source) as (step: AnyModuleDefinition['step']) => StepRunner;
  return make(layout.definition.step);
}

function genericRunner(layout: PortLayout): StepRunner {
  const step = layout.definition.step;
  return (plan, position, tick, context) => {
    gatherInputs(plan, position, layout);
    const outputs = plan.outputValues[position];
    if (step(plan.states[position], plan.inputValues[position], outputs, context) === false) return false;
    const base = plan.outputStart[position];
    const names = layout.outputNames;
    for (let i = 0; i < names.length; i++) {
      const value = outputs[names[i]];
      const kind = layout.outputKinds[i];
      if (kind === SlotKind.Number) plan.numbers[base + i] = value as number;
      else if (kind === SlotKind.Bool) plan.numbers[base + i] = value ? 1 : 0;
      else plan.references[base + i] = value as object | null;
      plan.emittedAtTick[base + i] = tick;
    }
    return true;
  };
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
