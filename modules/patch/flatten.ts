// Flatten: replace every subpatch instance (a module of type `subpatch:ID`) by the modules
// inside it, with ids that are paths (`INSTANCE/INNER`), and reroute the cables that reach its
// inlets and outlets to the ports inside. Subpatches nest: a definition's module may be an
// instance of another definition of the same patch, so a flat id can be `A/B/INNER`; each pass
// opens one level, at most subpatchDepthMax passes, and a definition that contains itself
// (directly or through others) is a problem named by its chain. The kernel compiles the flat patch (so a subpatch
// costs nothing at run time) and validation and diff read it (so problems name modules by
// their path inside). Pure and registry-free; port types are checked by validate.ts.
import { patchCablesMax, patchModulesMax, subpatchDepthMax, subpatchTypePrefix } from './schema';
import type { Cable, Patch, PatchModule, PortRef, Problem, Subpatch } from './types';

export type FlattenResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

/** Separates an instance's id from an inner module's id in a flat module id. */
export const subpatchPathSeparator = '/';

export function isSubpatchType(type: string): boolean {
  return type.startsWith(subpatchTypePrefix);
}

export function subpatchType(subpatchId: string): string {
  return `${subpatchTypePrefix}${subpatchId}`;
}

export function subpatchIdOf(type: string): string {
  return type.slice(subpatchTypePrefix.length);
}

/** True when flattening changes something: the patch has definitions or instances. */
export function hasSubpatches(patch: Patch): boolean {
  return patch.subpatches !== undefined || patch.modules.some((module) => isSubpatchType(module.type));
}

/**
 * The patch with every subpatch instance replaced by its modules. A patch without subpatches
 * is returned as it is (the same object). Unused definitions are dropped; the view is kept.
 */
export function flattenPatch(patch: Patch): FlattenResult {
  if (!hasSubpatches(patch)) return { ok: true, patch };
  const problems: Problem[] = [];
  const definitions = definitionsById(patch.subpatches ?? [], problems);
  if (problems.length === 0) problems.push(...nestingProblems(definitions));
  let modules = patch.modules;
  let cables = patch.cables;
  // Each pass opens the outermost instances; an instance inside comes out by path and is opened
  // by the next pass. Nesting is bounded (nestingProblems), so the passes are too.
  for (let depth = 0; problems.length === 0 && modules.some((m) => isSubpatchType(m.type)); depth++) {
    if (depth > subpatchDepthMax)
      throw new Error('flattenPatch: nesting past subpatchDepthMax was not refused');
    const opened = openInstances(modules, cables, definitions, depth === 0, problems);
    modules = opened.modules;
    cables = opened.cables;
    if (modules.length > patchModulesMax || cables.length > patchCablesMax) {
      problems.push(
        problem(
          `flattened, this patch has ${modules.length} modules and ${cables.length} cables; at most ${patchModulesMax} and ${patchCablesMax} run`,
          { path: 'subpatches' },
        ),
      );
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const flat: Patch = {
    schemaVersion: patch.schemaVersion,
    name: patch.name,
    description: patch.description,
    modules,
    cables,
  };
  if (patch.view !== undefined) flat.view = patch.view;
  return { ok: true, patch: flat };
}

/**
 * One level: each instance among `modules` replaced by its definition's modules, cables to its
 * inlets and from its outlets rerouted inside. On the top level (`outermost`) problems name the
 * patch's own modules and cables by index; deeper, the instance's path says where.
 */
function openInstances(
  given: readonly PatchModule[],
  givenCables: readonly Cable[],
  definitions: ReadonlyMap<string, Subpatch>,
  outermost: boolean,
  problems: Problem[],
): { modules: PatchModule[]; cables: Cable[] } {
  const instances = new Map<string, Subpatch>();
  const modules: PatchModule[] = [];
  given.forEach((module, index) => {
    if (!isSubpatchType(module.type)) {
      modules.push(module);
      return;
    }
    const definition = definitions.get(subpatchIdOf(module.type));
    if (!definition) {
      problems.push(
        problem(
          `module "${module.id}" is an instance of subpatch "${subpatchIdOf(module.type)}", which the patch does not define`,
          { moduleId: module.id, ...(outermost ? { path: `modules[${index}].type` } : {}) },
        ),
      );
      return;
    }
    instances.set(module.id, definition);
    for (const inner of definition.modules) {
      modules.push({ ...inner, id: pathOf(module.id, inner.id) });
    }
  });
  const cables: Cable[] = [];
  givenCables.forEach((cable, cableIndex) => {
    const where = outermost ? cableIndex : null;
    const sources = resolveOutlet(cable.from, instances, where, problems);
    const targets = resolveInlet(cable.to, instances, where, problems);
    if (sources === null || targets === null) return;
    for (const to of targets) cables.push({ from: sources, to });
  });
  for (const [instanceId, definition] of instances) {
    for (const inner of definition.cables) {
      cables.push({ from: prefixed(instanceId, inner.from), to: prefixed(instanceId, inner.to) });
    }
  }
  return { modules, cables };
}

/**
 * A definition may hold instances of others, never of itself (through any chain), and at most
 * subpatchDepthMax levels deep. Depth-first over at most patchSubpatchesMax definitions.
 */
function nestingProblems(definitions: ReadonlyMap<string, Subpatch>): Problem[] {
  const inside = (definition: Subpatch) =>
    definition.modules.filter((m) => isSubpatchType(m.type)).map((m) => subpatchIdOf(m.type));
  const depthOf = new Map<string, number>();
  const problems: Problem[] = [];
  const visit = (id: string, chain: string[]): number => {
    const known = depthOf.get(id);
    if (known !== undefined) return known;
    if (chain.includes(id)) {
      const cycle = [...chain.slice(chain.indexOf(id)), id].join(' → ');
      problems.push(problem(`subpatch "${id}" contains itself: ${cycle}`, { path: 'subpatches' }));
      return 0;
    }
    const definition = definitions.get(id);
    if (!definition) return 0; // an instance of nothing: openInstances names it
    let depth = 1;
    for (const innerId of inside(definition)) depth = Math.max(depth, 1 + visit(innerId, [...chain, id]));
    depthOf.set(id, depth);
    return depth;
  };
  for (const id of definitions.keys()) {
    const depth = visit(id, []);
    if (problems.length > 0) return problems.slice(0, 1);
    if (depth > subpatchDepthMax)
      return [
        problem(`subpatch "${id}" nests ${depth} levels deep; at most ${subpatchDepthMax} run`, {
          path: 'subpatches',
        }),
      ];
  }
  return [];
}

export function pathOf(instanceId: string, innerId: string): string {
  return `${instanceId}${subpatchPathSeparator}${innerId}`;
}

function prefixed(instanceId: string, ref: PortRef): PortRef {
  return { module: pathOf(instanceId, ref.module), port: ref.port };
}

/** Checks each definition on its own: unique id, inlets and outlets name modules inside. */
function definitionsById(subpatches: readonly Subpatch[], problems: Problem[]): Map<string, Subpatch> {
  const byId = new Map<string, Subpatch>();
  subpatches.forEach((subpatch, index) => {
    const path = `subpatches[${index}]`;
    if (byId.has(subpatch.id)) {
      problems.push(
        problem(`subpatch id "${subpatch.id}" is used by more than one subpatch`, { path: `${path}.id` }),
      );
      return;
    }
    const before = problems.length;
    const innerIds = new Set<string>();
    for (const module of subpatch.modules) innerIds.add(module.id);
    const names = new Set<string>();
    const checkRef = (ref: PortRef, where: string) => {
      if (!innerIds.has(ref.module))
        problems.push(
          problem(
            `subpatch "${subpatch.id}": ${where} names module "${ref.module}", which is not inside it`,
            { path: `${path}.${where}` },
          ),
        );
    };
    const checkName = (name: string, where: string) => {
      if (names.has(name))
        problems.push(
          problem(`subpatch "${subpatch.id}" has two ports named "${name}"`, { path: `${path}.${where}` }),
        );
      names.add(name);
    };
    subpatch.inlets.forEach((inlet, i) => {
      checkName(inlet.name, `inlets[${i}].name`);
      inlet.to.forEach((ref, j) => checkRef(ref, `inlets[${i}].to[${j}]`));
    });
    subpatch.outlets.forEach((outlet, i) => {
      checkName(outlet.name, `outlets[${i}].name`);
      checkRef(outlet.from, `outlets[${i}].from`);
    });
    if (problems.length === before) byId.set(subpatch.id, subpatch);
  });
  return byId;
}

/** Where a cable starting at `ref` really starts: the output inside, for an outlet. */
function resolveOutlet(
  ref: PortRef,
  instances: ReadonlyMap<string, Subpatch>,
  cableIndex: number | null,
  problems: Problem[],
): PortRef | null {
  const definition = instances.get(ref.module);
  if (!definition) return ref;
  const outlet = definition.outlets.find((candidate) => candidate.name === ref.port);
  if (outlet) return prefixed(ref.module, outlet.from);
  problems.push(unknownPort(ref, definition, 'outlet', cableIndex));
  return null;
}

/** Where a cable ending at `ref` really ends: every input inside an inlet feeds. */
function resolveInlet(
  ref: PortRef,
  instances: ReadonlyMap<string, Subpatch>,
  cableIndex: number | null,
  problems: Problem[],
): PortRef[] | null {
  const definition = instances.get(ref.module);
  if (!definition) return [ref];
  const inlet = definition.inlets.find((candidate) => candidate.name === ref.port);
  if (inlet) return inlet.to.map((to) => prefixed(ref.module, to));
  problems.push(unknownPort(ref, definition, 'inlet', cableIndex));
  return null;
}

function unknownPort(
  ref: PortRef,
  definition: Subpatch,
  side: 'inlet' | 'outlet',
  cableIndex: number | null,
): Problem {
  const known = (side === 'inlet' ? definition.inlets : definition.outlets).map((port) => port.name);
  const what = cableIndex === null ? 'a cable inside' : `cable ${cableIndex}`;
  return {
    code: 'UNKNOWN_PORT',
    message: `${what}: subpatch "${ref.module}" (${definition.id}) has no ${side} "${ref.port}"; its ${side}s are: ${known.join(', ') || '(none)'}`,
    location: {
      moduleId: ref.module,
      port: ref.port,
      ...(cableIndex === null ? {} : { cableIndex, path: `cables[${cableIndex}]` }),
    },
  };
}

function problem(message: string, location: Problem['location']): Problem {
  return { code: 'SUBPATCH_INVALID', message, location };
}
