// Module instances: the persistent part of a module in a running patch (its state and its
// fixed-shape inputs/outputs objects), and the keys that decide whether a hot patch may keep it.
import type { Cable, PatchModule } from '../patch/types';
import type { PortType, PortValueByType } from '../sdk/ports';
import type { ModuleRegistry } from '../sdk/registry';
import { SlotKind, initialOutputValue, unconnectedInputValue } from './port-layout';
import type { PortLayout } from './port-layout';

export type PortValue = PortValueByType[PortType];
export type PortValues = Record<string, PortValue>;

export class ModuleInstance {
  constructor(
    readonly id: string,
    readonly layout: PortLayout,
    /** Params after defaults, as JSON in declaration order: equal keys mean equal params. */
    readonly paramsKey: string,
    /** The sorted inbound cables, as JSON. */
    readonly inboundKey: string,
    public state: unknown,
    /** Created once with every input key so all instances of a type share one object shape. */
    readonly inputs: PortValues,
    readonly outputs: PortValues,
  ) {}
}

export function paramsKeyOf(registry: ModuleRegistry, module: PatchModule): string {
  return JSON.stringify(registry.paramsWithDefaults(module.type, module.params));
}

/** `cables` are the cables that end at this module. */
export function inboundKeyOf(cables: readonly Cable[]): string {
  const triples = cables.map((cable) => [cable.to.port, cable.from.module, cable.from.port]);
  triples.sort((a, b) => compareTriples(a, b));
  return JSON.stringify(triples);
}

function compareTriples(a: string[], b: string[]): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** True when a hot patch may keep `previous` for `module`: same type, params and inbound cables. */
export function canKeepInstance(
  previous: ModuleInstance,
  layout: PortLayout,
  paramsKey: string,
  inboundKey: string,
): boolean {
  return previous.layout === layout && previous.paramsKey === paramsKey && previous.inboundKey === inboundKey;
}

export function createInstance(
  registry: ModuleRegistry,
  module: PatchModule,
  layout: PortLayout,
  paramsKey: string,
  inboundKey: string,
): ModuleInstance {
  const definition = layout.definition;
  const params = registry.paramsWithDefaults(module.type, module.params);
  // Same keys in the same order on a per-type prototype: every instance of the type shares
  // one hidden class, so the module's `inputs.price` reads stay monomorphic. Number fields
  // start as NaN so V8 stores them as doubles from the first write (a Smi default such as 0
  // would otherwise change the field's representation on the first fractional input).
  const inputs = Object.create(layout.inputsPrototype) as PortValues;
  layout.inputNames.forEach((name, i) => {
    if (layout.inputKinds[i] === SlotKind.Number) inputs[name] = Number.NaN;
    inputs[name] = unconnectedInputValue(definition, name);
  });
  const outputs = Object.create(layout.outputsPrototype) as PortValues;
  layout.outputNames.forEach((name, i) => (outputs[name] = initialOutputValue(layout.outputKinds[i])));
  const state = definition.init(params as never);
  return new ModuleInstance(module.id, layout, paramsKey, inboundKey, state, inputs, outputs);
}
