// Test-only helpers to write patches tersely and to generate random ones (fast-check) over
// the modules in test-modules.ts. Not for product code.
import fc from 'fast-check';
import { patchSchemaVersion } from '../patch/types';
import type { Cable, Patch, PatchModule } from '../patch/types';
import type { ParamValue } from '../sdk/params';
import type { Bar } from '../sdk/ports';
import { testModules } from './test-modules';

export type ModuleLine = [id: string, type: string, params?: Record<string, ParamValue>];

/** `patchOf([['t', 'sources/ticker']], ['t.value -> acc.value'])` */
export function patchOf(modules: ModuleLine[], cables: string[] = [], name = 'test'): Patch {
  return {
    schemaVersion: patchSchemaVersion,
    name,
    description: '',
    modules: modules.map(([id, type, params]) => ({
      id,
      type,
      params: params ?? {},
      position: { x: 0, y: 0 },
    })),
    cables: cables.map(cableOf),
  };
}

export function cableOf(text: string): Cable {
  const [from, to] = text.split('->').map((end) => end.trim());
  const split = (end: string) => ({
    module: end.slice(0, end.lastIndexOf('.')),
    port: end.slice(end.lastIndexOf('.') + 1),
  });
  return { from: split(from), to: split(to) };
}

export function barAt(timeMs: number, close: number): Bar {
  return { timeMs, open: close - 1, high: close + 2, low: close - 3, close, volume: 10 };
}

const paramChoices: Record<string, Record<string, ParamValue[]>> = {
  'sources/ticker': { periodMs: [100, 200, 300, 500, 700] },
  'sources/fixed': { value: [-2, 0.5, 3] },
  'math/mix': { weight: [0.25, 0.5, 0.75] },
  'math/accumulator': { start: [0, 1] },
  'logic/timer': { delayMs: [0, 50, 150, 250, 1000] },
  'logic/delay': { initial: [0, 7] },
};

export interface ModuleSpec {
  typeIndex: number;
  paramPick: number;
  connect: boolean[];
  picks: number[];
  shuffleKey: number;
}

export const moduleSpecArbitrary: fc.Arbitrary<ModuleSpec> = fc.record({
  typeIndex: fc.nat(),
  paramPick: fc.nat(),
  connect: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  picks: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
  shuffleKey: fc.nat(),
});

/**
 * An acyclic patch: each input may connect to an output of the same type on an earlier module;
 * the modules are then shuffled so the patch order is not already a topological order.
 */
export function randomAcyclicPatch(
  specs: readonly ModuleSpec[],
  options: { withDelays?: boolean } = {},
): Patch {
  const types = testModules.filter((definition) => options.withDelays !== false || !definition.latch);
  const modules: PatchModule[] = [];
  const cables: Cable[] = [];
  const outputsSoFar: { module: string; port: string; type: string }[] = [];
  specs.forEach((spec, index) => {
    const definition = types[spec.typeIndex % types.length];
    const id = `m${index}`;
    const params: Record<string, ParamValue> = {};
    for (const [name, choices] of Object.entries(paramChoices[definition.type] ?? {})) {
      params[name] = choices[spec.paramPick % choices.length];
    }
    Object.entries(definition.inputs).forEach(([input, inputSpec], i) => {
      if (!spec.connect[i % 2]) return;
      const candidates = outputsSoFar.filter((output) => output.type === inputSpec.type);
      if (candidates.length === 0) return;
      const from = candidates[spec.picks[i % 2] % candidates.length];
      cables.push({ from: { module: from.module, port: from.port }, to: { module: id, port: input } });
    });
    for (const [output, outputSpec] of Object.entries(definition.outputs)) {
      outputsSoFar.push({ module: id, port: output, type: outputSpec.type });
    }
    modules.push({ id, type: definition.type, params, position: { x: spec.shuffleKey, y: index } });
  });
  modules.sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  return { schemaVersion: patchSchemaVersion, name: 'random', description: '', modules, cables };
}
