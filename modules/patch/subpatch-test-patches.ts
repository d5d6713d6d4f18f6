// Test-only: random valid patches over the test registry (a DAG: each cable runs from an
// earlier module to a later one, number to number), and a fixed one with a subpatch inside.
import fc from 'fast-check';
import type { ParamValue } from '../sdk/params';
import type { Cable, Patch, PatchModule } from './types';

const numberModules: { type: string; inputs: string[]; params: Record<string, ParamValue> }[] = [
  { type: 'sources/constant', inputs: [], params: { value: 1 } },
  { type: 'math/add', inputs: ['a', 'b'], params: {} },
  { type: 'indicators/ema', inputs: ['price'], params: { period: 3 } },
  { type: 'logic/delay', inputs: ['input'], params: {} },
];

/** A patch of 1-8 modules; each input is fed, or not, by an earlier module's `value`. */
export const randomPatchArbitrary: fc.Arbitrary<Patch> = fc
  .array(
    fc.record({
      kind: fc.integer({ min: 0, max: numberModules.length - 1 }),
      sources: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
      feed: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
      x: fc.integer({ min: 0, max: 900 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((specs) => {
    const modules: PatchModule[] = [];
    const cables: Cable[] = [];
    specs.forEach((spec, index) => {
      const kind = numberModules[index === 0 ? 0 : spec.kind];
      const id = `m${index}`;
      modules.push({
        id,
        type: kind.type,
        params: { ...kind.params },
        position: { x: spec.x, y: index * 80 },
      });
      kind.inputs.forEach((input, i) => {
        if (!spec.feed[i]) return;
        const source = `m${spec.sources[i] % index}`;
        cables.push({ from: { module: source, port: 'value' }, to: { module: id, port: input } });
      });
    });
    const probes = modules.map((module) => `${module.id}.value`).slice(0, 3);
    return {
      schemaVersion: 1,
      name: 'random',
      description: '',
      modules,
      cables,
      view: { probes },
    } satisfies Patch;
  });

/** The patch in a canonical order (modules by id, cables by their ends): order carries no meaning. */
export function canonical(patch: Patch): Patch {
  const key = (cable: Cable) => `${cable.from.module}.${cable.from.port}>${cable.to.module}.${cable.to.port}`;
  return {
    ...patch,
    modules: [...patch.modules].sort((a, b) => a.id.localeCompare(b.id)),
    cables: [...patch.cables].sort((a, b) => key(a).localeCompare(key(b))),
  };
}
