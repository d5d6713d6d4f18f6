// What the kernel needs to know about one module type, worked out once per definition and
// shared by every instance of it: port names and storage kinds in declaration order.
import type { AnyModuleDefinition } from '../sdk/define-module';
import type { PortType } from '../sdk/ports';

/** How a port's value is stored: in the numeric slab (number, bool as 0/1) or as a reference. */
export const SlotKind = { Number: 0, Bool: 1, Reference: 2 } as const;
export type SlotKind = (typeof SlotKind)[keyof typeof SlotKind];

export interface PortLayout {
  readonly definition: AnyModuleDefinition;
  readonly inputNames: readonly string[];
  readonly inputKinds: readonly SlotKind[];
  /** Input name -> index in inputNames; a null-prototype object so any name is a safe key. */
  readonly inputIndex: Readonly<Record<string, number>>;
  readonly outputNames: readonly string[];
  readonly outputKinds: readonly SlotKind[];
  readonly outputIndex: Readonly<Record<string, number>>;
  readonly breaksCycles: boolean;
  readonly feedsOnBar: boolean;
  readonly feedsOnMarket: boolean;
  /** The definition has a scalar form (ModuleDefinition.scalar): specialised runners call it. */
  readonly scalar: boolean;
  /**
   * Prototypes for the instances' inputs and outputs objects, one pair per module type. V8
   * roots an object's hidden-class transitions at its prototype, so objects built from `{}`
   * would share field representations with every other `{a, b}` in the process (and lose
   * them when unrelated code stores a string in `a`); a private root keeps each type's
   * shape stable and monomorphic.
   */
  readonly inputsPrototype: object;
  readonly outputsPrototype: object;
}

export function slotKindOf(type: PortType): SlotKind {
  if (type === 'number') return SlotKind.Number;
  if (type === 'bool') return SlotKind.Bool;
  return SlotKind.Reference;
}

const layouts = new WeakMap<AnyModuleDefinition, PortLayout>();

export function portLayoutOf(definition: AnyModuleDefinition): PortLayout {
  const known = layouts.get(definition);
  if (known) return known;
  const inputNames = Object.keys(definition.inputs);
  const outputNames = Object.keys(definition.outputs);
  const layout: PortLayout = {
    definition,
    inputNames,
    inputKinds: inputNames.map((name) => slotKindOf(definition.inputs[name].type)),
    inputIndex: indexOf(inputNames),
    outputNames,
    outputKinds: outputNames.map((name) => slotKindOf(definition.outputs[name].type)),
    outputIndex: indexOf(outputNames),
    breaksCycles: typeof definition.latch === 'function',
    feedsOnBar: definition.feed === 'bar',
    feedsOnMarket: definition.feed === 'market',
    scalar: typeof definition.scalar === 'function',
    inputsPrototype: {},
    outputsPrototype: {},
  };
  layouts.set(definition, layout);
  return layout;
}

function indexOf(names: readonly string[]): Record<string, number> {
  const index = Object.create(null) as Record<string, number>;
  names.forEach((name, i) => (index[name] = i));
  return index;
}

/** Value an unconnected input reads: the port's default (bool: non-zero), null for references. */
export function unconnectedInputValue(
  definition: AnyModuleDefinition,
  name: string,
): number | boolean | null {
  const spec = definition.inputs[name];
  const kind = slotKindOf(spec.type);
  if (kind === SlotKind.Number) return spec.defaultValue;
  if (kind === SlotKind.Bool) return spec.defaultValue !== 0;
  return null;
}

/** Value an output holds before its module first emits. */
export function initialOutputValue(kind: SlotKind): number | boolean | null {
  if (kind === SlotKind.Number) return Number.NaN;
  if (kind === SlotKind.Bool) return false;
  return null;
}
