// Make a subpatch from a selection of modules, and its inverse. Cables that cross the
// selection's edge become inlets (one per outside output feeding in) and outlets (one per
// inside output read outside); the modules become one instance module in their place. Probes
// on the modules follow them (`ema.value` <-> `sub1/ema.value`).
import type { PortType } from '../sdk/ports';
import { isSubpatchType, pathOf, subpatchIdOf, subpatchType } from './flatten';
import { moduleIdLengthMax, patchSubpatchesMax, portNameLengthMax } from './schema';
import type {
  Cable,
  Patch,
  PatchModule,
  PortRef,
  Problem,
  Subpatch,
  SubpatchInlet,
  SubpatchOutlet,
} from './types';
import { portKey } from './types';

export type SubpatchEditResult =
  { ok: true; patch: Patch; instanceId: string } | { ok: false; problems: Problem[] };

/** Port types by module type: a ModuleRegistry, or the editor's catalog seen the same way. */
export interface PortTypeSource {
  get(
    type: string,
  ): { inputs: Record<string, { type: PortType }>; outputs: Record<string, { type: PortType }> } | undefined;
}

export interface MakeSubpatchOptions {
  /** The definition's id (and the instance's, when free); default `sub`, `sub2`, ... */
  subpatchId?: string;
  title?: string;
}

export function makeSubpatch(
  patch: Patch,
  moduleIds: readonly string[],
  registry: PortTypeSource,
  options: MakeSubpatchOptions = {},
): SubpatchEditResult {
  const selected = new Set(moduleIds);
  const refusal = makeRefusal(patch, selected, options.subpatchId);
  if (refusal) return { ok: false, problems: [refusal] };
  const subpatchId = options.subpatchId ?? freeId('sub', new Set((patch.subpatches ?? []).map((s) => s.id)));
  const instanceId = freeId(subpatchId, new Set(patch.modules.map((m) => m.id)));
  const inner = patch.modules.filter((m) => selected.has(m.id));
  const typeOf = portTypeReader(patch, registry);

  const inlets = new Map<string, SubpatchInlet>();
  const outlets = new Map<string, SubpatchOutlet>();
  const innerCables: Cable[] = [];
  const cables: Cable[] = [];
  const names = new Set<string>();
  for (const cable of patch.cables) {
    const fromInside = selected.has(cable.from.module);
    const toInside = selected.has(cable.to.module);
    if (fromInside && toInside) {
      innerCables.push(cable);
    } else if (toInside) {
      const key = portKey(cable.from);
      let inlet = inlets.get(key);
      if (!inlet) {
        const type = typeOf(cable.from, 'outputs');
        if (type === undefined) return { ok: false, problems: [unknownType(cable.from)] };
        inlet = { name: portName(cable.from, names, 'port'), type, to: [] };
        inlets.set(key, inlet);
        cables.push({ from: cable.from, to: { module: instanceId, port: inlet.name } });
      }
      inlet.to.push(cable.to);
    } else if (fromInside) {
      const key = portKey(cable.from);
      let outlet = outlets.get(key);
      if (!outlet) {
        const type = typeOf(cable.from, 'outputs');
        if (type === undefined) return { ok: false, problems: [unknownType(cable.from)] };
        outlet = { name: portName(cable.from, names, 'module'), type, from: cable.from };
        outlets.set(key, outlet);
      }
      cables.push({ from: { module: instanceId, port: outlet.name }, to: cable.to });
    } else {
      cables.push(cable);
    }
  }
  const subpatch: Subpatch = {
    id: subpatchId,
    title: options.title ?? subpatchId,
    inlets: [...inlets.values()],
    outlets: [...outlets.values()],
    modules: structuredClone(inner),
    cables: structuredClone(innerCables),
  };
  const instance: PatchModule = {
    id: instanceId,
    type: subpatchType(subpatchId),
    params: {},
    position: {
      x: Math.min(...inner.map((m) => m.position.x)),
      y: Math.min(...inner.map((m) => m.position.y)),
    },
  };
  const first = patch.modules.findIndex((m) => selected.has(m.id));
  const modules = patch.modules.flatMap((m, index) =>
    index === first ? [instance] : selected.has(m.id) ? [] : [m],
  );
  const next: Patch = { ...patch, modules, cables, subpatches: [...(patch.subpatches ?? []), subpatch] };
  const probes = patch.view?.probes;
  if (probes !== undefined) {
    next.view = {
      ...patch.view,
      probes: probes.map((key) => renameProbe(key, (id) => (selected.has(id) ? pathOf(instanceId, id) : id))),
    };
  }
  return { ok: true, patch: next, instanceId };
}

/**
 * Put an instance's modules back in its place. Inner ids are kept unless an outside module
 * took one since (then `INSTANCE-INNER`); the definition goes when no other instance uses it.
 */
export function unmakeSubpatch(patch: Patch, instanceId: string): SubpatchEditResult {
  const instance = patch.modules.find((m) => m.id === instanceId);
  if (!instance || !isSubpatchType(instance.type)) {
    return {
      ok: false,
      problems: [
        refused(`there is no subpatch instance "${instanceId}" in the patch`, { moduleId: instanceId }),
      ],
    };
  }
  const definition = (patch.subpatches ?? []).find((s) => s.id === subpatchIdOf(instance.type));
  if (!definition) {
    return {
      ok: false,
      problems: [
        refused(
          `module "${instanceId}" is an instance of subpatch "${subpatchIdOf(instance.type)}", which the patch does not define`,
          { moduleId: instanceId },
        ),
      ],
    };
  }
  const taken = new Set(patch.modules.filter((m) => m.id !== instanceId).map((m) => m.id));
  const ids = new Map<string, string>();
  for (const inner of definition.modules) {
    const id = taken.has(inner.id)
      ? freeId(`${instanceId}-${inner.id}`.slice(0, moduleIdLengthMax - 4), taken)
      : inner.id;
    taken.add(id);
    ids.set(inner.id, id);
  }
  const outer = (ref: PortRef): PortRef => ({ module: ids.get(ref.module) ?? ref.module, port: ref.port });
  const modules = patch.modules.flatMap((m) =>
    m.id === instanceId
      ? definition.modules.map((inner) => ({ ...structuredClone(inner), id: ids.get(inner.id)! }))
      : [m],
  );
  const cables: Cable[] = [];
  for (const cable of patch.cables) {
    const outlet =
      cable.from.module === instanceId
        ? definition.outlets.find((o) => o.name === cable.from.port)
        : undefined;
    const from = cable.from.module === instanceId ? (outlet ? outer(outlet.from) : null) : cable.from;
    if (from === null) continue; // a cable from an outlet the definition no longer has
    if (cable.to.module !== instanceId) {
      cables.push({ from, to: cable.to });
      continue;
    }
    const inlet = definition.inlets.find((i) => i.name === cable.to.port);
    for (const to of inlet?.to ?? []) cables.push({ from, to: outer(to) });
  }
  for (const inner of definition.cables) cables.push({ from: outer(inner.from), to: outer(inner.to) });
  const stillUsed = modules.some((m) => m.type === instance.type);
  const subpatches = (patch.subpatches ?? []).filter((s) => stillUsed || s.id !== definition.id);
  const next: Patch = { ...patch, modules, cables };
  if (subpatches.length > 0) next.subpatches = subpatches;
  else delete next.subpatches;
  const probes = patch.view?.probes;
  if (probes !== undefined) {
    const prefix = pathOf(instanceId, '');
    next.view = {
      ...patch.view,
      probes: probes.map((key) =>
        renameProbe(key, (id) => (id.startsWith(prefix) ? (ids.get(id.slice(prefix.length)) ?? id) : id)),
      ),
    };
  }
  return { ok: true, patch: next, instanceId };
}

function makeRefusal(
  patch: Patch,
  selected: ReadonlySet<string>,
  subpatchId: string | undefined,
): Problem | null {
  if (selected.size === 0) return refused('make subpatch: select at least one module', {});
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  for (const id of selected) {
    const module = byId.get(id);
    if (!module) return refused(`make subpatch: there is no module "${id}" in the patch`, { moduleId: id });
    if (isSubpatchType(module.type))
      return refused(`make subpatch: "${id}" is a subpatch already; subpatches do not nest`, {
        moduleId: id,
      });
  }
  if ((patch.subpatches ?? []).length >= patchSubpatchesMax)
    return refused(`make subpatch: a patch has at most ${patchSubpatchesMax} subpatches`, {
      path: 'subpatches',
    });
  if (subpatchId !== undefined && (patch.subpatches ?? []).some((s) => s.id === subpatchId))
    return refused(`make subpatch: a subpatch "${subpatchId}" exists already`, { path: 'subpatches' });
  return null;
}

function portTypeReader(patch: Patch, registry: PortTypeSource) {
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  return (ref: PortRef, side: 'inputs' | 'outputs') => {
    const module = byId.get(ref.module);
    const definition = module ? registry.get(module.type) : undefined;
    if (!definition || !Object.hasOwn(definition[side], ref.port)) return undefined;
    return definition[side][ref.port].type;
  };
}

/**
 * An inlet is named by the port feeding it (`close`), an outlet by the module inside (`ema`),
 * else `MODULE_PORT`, else numbered.
 */
function portName(ref: PortRef, taken: Set<string>, first: 'module' | 'port'): string {
  const candidates = [
    first === 'port' ? ref.port : ref.module,
    `${ref.module}_${ref.port}`.slice(0, portNameLengthMax - 4),
  ];
  const name = candidates.find((candidate) => !taken.has(candidate)) ?? freeId(candidates[1], taken);
  taken.add(name);
  return name;
}

function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function renameProbe(key: string, rename: (moduleId: string) => string): string {
  const dot = key.lastIndexOf('.');
  return `${rename(key.slice(0, dot))}${key.slice(dot)}`;
}

function unknownType(ref: PortRef): Problem {
  return refused(`make subpatch: the type of ${portKey(ref)} is not known (unknown module type?)`, {
    moduleId: ref.module,
    port: ref.port,
  });
}

function refused(message: string, location: Problem['location']): Problem {
  return { code: 'SUBPATCH_INVALID', message, location };
}
