// Three-way merge of patches: base, ours, theirs -> merged patch + conflicts. Modules are matched
// by id and merged field by field (type, each param, position); cables are matched by the input
// they feed (an input takes one cable), so "both sides rewired one input" is one conflict.
// Positions and the view never conflict (layout, not meaning): when both sides changed one,
// ours wins. Pure: the caller passes `validate` to have combinations that break the patch
// (a cycle closed by two harmless edits) reported as a conflict.
import type { ParamValue } from '../sdk/params';
import type { MergeConflict, MergeOptions, MergeResult, MergeSide } from './merge-types';
import { mergeSubpatches } from './merge-subpatches';
import { serializePatch } from './serialize';
import type { Cable, Patch, PatchModule, PatchView, Problem } from './types';
import { blockingProblems, portKey } from './types';

export interface MergeValidation {
  /** Problems of a patch (validatePatch with a registry); only blocking ones matter here. */
  validate?: (patch: Patch) => Problem[];
}

export function mergePatches(
  base: Patch,
  ours: Patch,
  theirs: Patch,
  options: MergeOptions & MergeValidation = {},
): MergeResult {
  // Trivial merges, as git does them: an unchanged side gives the other side exactly.
  const baseText = serializePatch(base);
  const oursText = serializePatch(ours);
  const theirsText = serializePatch(theirs);
  if (oursText === baseText || oursText === theirsText) return { patch: clone(theirs), conflicts: [] };
  if (theirsText === baseText) return { patch: clone(ours), conflicts: [] };

  const merger = new Merger(options);
  const name = merger.metadata('name', base.name, ours.name, theirs.name);
  const description = merger.metadata('description', base.description, ours.description, theirs.description);
  const modules = merger.modules(base.modules, ours.modules, theirs.modules);
  const cables = merger.cables(base.cables, ours.cables, theirs.cables, new Set(modules.map((m) => m.id)));
  const patch: Patch = { schemaVersion: ours.schemaVersion, name, description, modules, cables };
  const merged = mergeSubpatches(
    base.subpatches ?? [],
    ours.subpatches ?? [],
    theirs.subpatches ?? [],
    options,
  );
  merger.conflicts.push(...merged.conflicts);
  if (merged.subpatches.length > 0) patch.subpatches = merged.subpatches;
  const view = mergedView(base.view, ours.view, theirs.view);
  if (view !== undefined) patch.view = view;
  if (options.validate) merger.checkValidity(patch, ours, theirs, options.validate);
  return { patch, conflicts: merger.conflicts };
}

/** The value of a three-way merge of one field, or 'conflict' when both sides changed it differently. */
function threeWay<T>(base: T, ours: T, theirs: T, equal: (a: T, b: T) => boolean): { value: T } | 'conflict' {
  if (equal(ours, theirs)) return { value: ours };
  if (equal(ours, base)) return { value: theirs };
  if (equal(theirs, base)) return { value: ours };
  return 'conflict';
}

class Merger {
  readonly conflicts: MergeConflict[] = [];
  /** Modules one side deleted that the merge keeps (the other side's edit won): side -> ids. */
  private readonly kept = { ours: new Set<string>(), theirs: new Set<string>() };
  private readonly choices: Readonly<Record<string, MergeSide>>;
  private readonly defaultSide: MergeSide;

  constructor(options: MergeOptions) {
    this.choices = options.choices ?? {};
    this.defaultSide = options.defaultSide ?? 'ours';
  }

  private side(conflictId: string): MergeSide {
    const choice = Object.hasOwn(this.choices, conflictId) ? this.choices[conflictId] : undefined;
    return choice ?? this.defaultSide;
  }

  metadata(field: 'name' | 'description', base: string, ours: string, theirs: string): string {
    const merged = threeWay(base, ours, theirs, Object.is);
    if (merged !== 'conflict') return merged.value;
    const id = `metadata:${field}`;
    this.conflicts.push({ id, kind: 'metadata', field, base, ours, theirs });
    return this.side(id) === 'ours' ? ours : theirs;
  }

  modules(base: PatchModule[], ours: PatchModule[], theirs: PatchModule[]): PatchModule[] {
    const baseById = byId(base);
    const oursById = byId(ours);
    const theirsById = byId(theirs);
    // Ours' order, then modules only theirs has, in theirs' order.
    const ids = [...ours.map((m) => m.id), ...theirs.map((m) => m.id).filter((id) => !oursById.has(id))];
    const result: PatchModule[] = [];
    for (const id of ids) {
      const merged = this.module(id, baseById.get(id), oursById.get(id), theirsById.get(id));
      if (merged) result.push(merged);
    }
    return result;
  }

  private module(
    id: string,
    base: PatchModule | undefined,
    ours: PatchModule | undefined,
    theirs: PatchModule | undefined,
  ): PatchModule | undefined {
    if (!base) {
      if (ours && theirs && !sameModule(ours, theirs)) {
        const conflictId = `module:${id}`;
        this.conflicts.push({ id: conflictId, kind: 'addAdd', moduleId: id, ours, theirs });
        return clone(this.side(conflictId) === 'ours' ? ours : theirs);
      }
      return clone((ours ?? theirs)!);
    }
    if (!ours && !theirs) return undefined;
    if (!ours || !theirs) {
      const kept = (ours ?? theirs)!;
      if (!edited(base, kept)) return undefined;
      const conflictId = `module:${id}`;
      const deletedBy: MergeSide = ours ? 'theirs' : 'ours';
      this.conflicts.push({ id: conflictId, kind: 'deleteEdit', moduleId: id, deletedBy, ours, theirs });
      if (this.side(conflictId) === deletedBy) return undefined;
      this.kept[deletedBy].add(id);
      return clone(kept);
    }
    return {
      id,
      type: this.moduleType(id, base.type, ours.type, theirs.type),
      params: this.params(id, base.params, ours.params, theirs.params),
      position: { ...mergedPosition(base.position, ours.position, theirs.position) },
    };
  }

  private moduleType(id: string, base: string, ours: string, theirs: string): string {
    const merged = threeWay(base, ours, theirs, Object.is);
    if (merged !== 'conflict') return merged.value;
    const conflictId = `type:${id}`;
    this.conflicts.push({ id: conflictId, kind: 'type', moduleId: id, base, ours, theirs });
    return this.side(conflictId) === 'ours' ? ours : theirs;
  }

  private params(
    id: string,
    base: Record<string, ParamValue>,
    ours: Record<string, ParamValue>,
    theirs: Record<string, ParamValue>,
  ): Record<string, ParamValue> {
    const names = [...new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])].sort();
    const result: Record<string, ParamValue> = {};
    for (const param of names) {
      const b = own(base, param);
      const o = own(ours, param);
      const t = own(theirs, param);
      const merged = threeWay(b, o, t, Object.is);
      let value: ParamValue | undefined;
      if (merged === 'conflict') {
        const conflictId = `param:${id}.${param}`;
        this.conflicts.push({
          id: conflictId,
          kind: 'param',
          moduleId: id,
          param,
          base: b,
          ours: o,
          theirs: t,
        });
        value = this.side(conflictId) === 'ours' ? o : t;
      } else {
        value = merged.value;
      }
      if (value !== undefined) result[param] = value;
    }
    return result;
  }

  cables(base: Cable[], ours: Cable[], theirs: Cable[], moduleIds: ReadonlySet<string>): Cable[] {
    const baseByInput = byInput(base);
    const oursByInput = byInput(ours);
    const theirsByInput = byInput(theirs);
    const inputs = [...new Set([...oursByInput.keys(), ...theirsByInput.keys(), ...baseByInput.keys()])];
    const result: Cable[] = [];
    for (const input of inputs) {
      const b = baseByInput.get(input);
      // A side that deleted a module the merge keeps lost its cables only with the module:
      // for those cables, read that side as unchanged.
      const o = this.lostWithModule(b, 'ours') ? b : oursByInput.get(input);
      const t = this.lostWithModule(b, 'theirs') ? b : theirsByInput.get(input);
      const merged = threeWay(b, o, t, sameCable);
      let cable: Cable | undefined;
      if (merged === 'conflict') {
        const conflictId = `input:${input}`;
        this.conflicts.push({ id: conflictId, kind: 'input', input, base: b, ours: o, theirs: t });
        cable = this.side(conflictId) === 'ours' ? o : t;
      } else {
        cable = merged.value;
      }
      if (!cable) continue;
      if (moduleIds.has(cable.from.module) && moduleIds.has(cable.to.module)) {
        result.push({ from: { ...cable.from }, to: { ...cable.to } });
      } else if (!b || !sameCable(b, cable)) {
        // A side added or rewired this cable while the other deleted one of its modules.
        const addedBy: MergeSide = o && sameCable(o, cable) ? 'ours' : 'theirs';
        this.conflicts.push({ id: `cable:${input}`, kind: 'danglingCable', cable, addedBy });
      }
    }
    return result;
  }

  private lostWithModule(cable: Cable | undefined, side: MergeSide): boolean {
    return (
      cable !== undefined && (this.kept[side].has(cable.from.module) || this.kept[side].has(cable.to.module))
    );
  }

  checkValidity(patch: Patch, ours: Patch, theirs: Patch, validate: (patch: Patch) => Problem[]): void {
    const known = new Set(
      [...blockingProblems(validate(ours)), ...blockingProblems(validate(theirs))].map(
        (problem) => problem.message,
      ),
    );
    const introduced = blockingProblems(validate(patch)).filter((problem) => !known.has(problem.message));
    if (introduced.length > 0)
      this.conflicts.push({ id: 'result', kind: 'invalidResult', problems: introduced });
  }
}

/** Both sides moved it: ours wins (layout never blocks a merge). */
function mergedPosition(
  base: PatchModule['position'],
  ours: PatchModule['position'],
  theirs: PatchModule['position'],
): PatchModule['position'] {
  const merged = threeWay(base, ours, theirs, samePosition);
  return merged === 'conflict' ? ours : merged.value;
}

/** The view is layout too: a side that changed it wins; when both did, ours (never a conflict). */
function mergedView(
  base: PatchView | undefined,
  ours: PatchView | undefined,
  theirs: PatchView | undefined,
): PatchView | undefined {
  const merged = threeWay(base, ours, theirs, sameView);
  return clone(merged === 'conflict' ? ours : merged.value);
}

function sameView(a: PatchView | undefined, b: PatchView | undefined): boolean {
  return (
    JSON.stringify(a?.probes) === JSON.stringify(b?.probes) &&
    JSON.stringify(a?.panes) === JSON.stringify(b?.panes) &&
    JSON.stringify(a?.comments) === JSON.stringify(b?.comments) &&
    JSON.stringify(a?.groups) === JSON.stringify(b?.groups)
  );
}

function byId(modules: readonly PatchModule[]): Map<string, PatchModule> {
  return new Map(modules.map((module) => [module.id, module]));
}

function byInput(cables: readonly Cable[]): Map<string, Cable> {
  return new Map(cables.map((cable) => [portKey(cable.to), cable]));
}

function own(params: Record<string, ParamValue>, name: string): ParamValue | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

function sameCable(a: Cable | undefined, b: Cable | undefined): boolean {
  if (!a || !b) return a === b;
  return portKey(a.from) === portKey(b.from) && portKey(a.to) === portKey(b.to);
}

function samePosition(a: PatchModule['position'], b: PatchModule['position']): boolean {
  return a.x === b.x && a.y === b.y;
}

function sameParams(a: Record<string, ParamValue>, b: Record<string, ParamValue>): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) if (!Object.is(own(a, name), own(b, name))) return false;
  return true;
}

function sameModule(a: PatchModule, b: PatchModule): boolean {
  return a.type === b.type && sameParams(a.params, b.params) && samePosition(a.position, b.position);
}

/** Changed in meaning (type or params); a move alone is layout and does not keep a deleted module. */
function edited(base: PatchModule, now: PatchModule): boolean {
  return base.type !== now.type || !sameParams(base.params, now.params);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
