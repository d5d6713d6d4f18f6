// Generic (not generated) slot access, for the generic runners and for cold paths.
import type { PortValue } from './instances';
import type { Plan } from './plan';
import { SlotKind } from './port-layout';
import type { PortLayout } from './port-layout';

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

/** Copy the outputs object into the position's slots and stamp them with the tick. */
export function scatterOutputs(plan: Plan, position: number, layout: PortLayout, tick: number): void {
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
