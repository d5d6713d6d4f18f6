// An example wiring for one module, made from the catalog so every module has one and none goes
// stale: what feeds each required input and what reads its first output, named as the editor names
// modules and cables (`bars.close -> ema.in`). Help, not advice: it shows how the ports connect.
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import { moduleIdBase, nextModuleId } from './module-ids';

export interface ExampleCable {
  from: string;
  to: string;
}

export interface ModuleExample {
  /** The module's own id in the example, and its params at their defaults. */
  moduleId: string;
  params: { name: string; value: ParamValue }[];
  cables: ExampleCable[];
}

type PortRef = readonly [moduleType: string, port: string];

/** What usually feeds a port of each type, when no source has an output of the input's name. */
const feederByType: Partial<Record<PortType, PortRef>> = {
  number: ['sources/bars', 'close'],
  bool: ['logic/cross-over', 'out'],
  orderIntent: ['orders/market', 'intent'],
  bar: ['sources/bars', 'bar'],
};
/** A number input that is not a price (a level, a target, the `b` of a comparison) takes a constant. */
const levelFeeder: PortRef = ['sources/constant', 'out'];
const priceInput = /^(in|a|close)$|price$/i;
/** What usually reads an output of each type. */
const readerByType: Partial<Record<PortType, PortRef>> = {
  number: ['logic/cross-over', 'a'],
  bool: ['orders/market', 'trigger'],
  orderIntent: ['sinks/broker', 'a'],
};

export function moduleExample(
  entry: CatalogEntry,
  catalog: Readonly<Record<string, CatalogEntry>>,
): ModuleExample {
  const has = ([type, port]: PortRef, side: 'inputs' | 'outputs'): boolean =>
    Object.hasOwn(catalog, type) && catalog[type][side].some((candidate) => candidate.name === port);
  const moduleId = moduleIdBase(entry.type);
  // One instance of a source feeds every input that wants it (bars.high, bars.low); any other
  // module is a fresh instance each time (two cross-overs into an AND, not one twice).
  const taken = new Set([moduleId]);
  const sourceIds = new Map<string, string>();
  const name = (type: string): string => {
    const known = sourceIds.get(type);
    if (known) return known;
    const id = nextModuleId(type, taken);
    taken.add(id);
    if (catalog[type]?.category === 'sources') sourceIds.set(type, id);
    return id;
  };
  const sources = Object.values(catalog).filter((candidate) => candidate.category === 'sources');
  const cables: ExampleCable[] = [];
  for (const input of entry.inputs) {
    if (!input.required) continue;
    // A source with an output of the input's name and type (bars.high -> high), else the usual one.
    const named = sources.find((source) =>
      source.outputs.some((output) => output.name === input.name && output.type === input.type),
    );
    let from: PortRef | undefined = named ? [named.type, input.name] : feederByType[input.type];
    if (!named && input.type === 'number' && !priceInput.test(input.name) && has(levelFeeder, 'outputs'))
      from = levelFeeder;
    if (from && has(from, 'outputs'))
      cables.push({ from: `${name(from[0])}.${from[1]}`, to: `${moduleId}.${input.name}` });
  }
  // The output a quant reads first; a sink ends the chain and has no reader.
  const output =
    entry.outputs.find((candidate) => candidate.name === 'out') ??
    entry.outputs.find((candidate) => candidate.name === 'close') ??
    entry.outputs[0];
  const reader = output && entry.category !== 'sinks' ? readerByType[output.type] : undefined;
  if (output && reader && has(reader, 'inputs'))
    cables.push({ from: `${moduleId}.${output.name}`, to: `${name(reader[0])}.${reader[1]}` });
  return {
    moduleId,
    params: entry.params.map((spec) => ({ name: spec.name, value: spec.defaultValue })),
    cables,
  };
}
