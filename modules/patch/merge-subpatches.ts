// Three-way merge of a patch's subpatch definitions, matched by id. A definition both sides
// changed is merged inside like a patch (modules by id, cables by input), its conflicts named
// `subpatch:ID/...` with module ids `ID/INNER`; its title, inlets and outlets merge whole.
import { mergePatches } from './merge';
import type { MergeConflict, MergeOptions, MergeSide } from './merge-types';
import { serializePatch } from './serialize';
import type { Patch, Subpatch } from './types';

export function mergeSubpatches(
  base: readonly Subpatch[],
  ours: readonly Subpatch[],
  theirs: readonly Subpatch[],
  options: MergeOptions,
): { subpatches: Subpatch[]; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const side = (id: string): MergeSide => options.choices?.[id] ?? options.defaultSide ?? 'ours';
  const baseById = new Map(base.map((s) => [s.id, s]));
  const oursById = new Map(ours.map((s) => [s.id, s]));
  const theirsById = new Map(theirs.map((s) => [s.id, s]));
  const ids = [...ours.map((s) => s.id), ...theirs.map((s) => s.id).filter((id) => !oursById.has(id))];
  const subpatches: Subpatch[] = [];
  for (const id of [...ids, ...base.map((s) => s.id).filter((id) => !ids.includes(id))]) {
    const b = baseById.get(id);
    const o = oursById.get(id);
    const t = theirsById.get(id);
    const conflictId = `subpatch:${id}`;
    const pick = (what: 'added by both' | 'deleted by one side, edited by the other') => {
      conflicts.push({ id: conflictId, kind: 'subpatch', subpatchId: id, what, ours: o, theirs: t });
      const chosen = side(conflictId) === 'ours' ? o : t;
      if (chosen) subpatches.push(structuredClone(chosen));
    };
    if (same(o, t)) {
      if (o) subpatches.push(structuredClone(o));
    } else if (same(o, b)) {
      if (t) subpatches.push(structuredClone(t));
    } else if (same(t, b)) {
      if (o) subpatches.push(structuredClone(o));
    } else if (!b) {
      pick('added by both');
    } else if (!o || !t) {
      pick('deleted by one side, edited by the other');
    } else {
      subpatches.push(mergeInside(b, o, t, options, conflicts));
    }
  }
  return { subpatches, conflicts };
}

function mergeInside(
  base: Subpatch,
  ours: Subpatch,
  theirs: Subpatch,
  options: MergeOptions,
  conflicts: MergeConflict[],
): Subpatch {
  const prefix = `subpatch:${base.id}/`;
  const choices = Object.fromEntries(
    Object.entries(options.choices ?? {})
      .filter(([id]) => id.startsWith(prefix))
      .map(([id, choice]) => [id.slice(prefix.length), choice]),
  );
  const inner = mergePatches(asPatch(base), asPatch(ours), asPatch(theirs), {
    choices,
    defaultSide: options.defaultSide,
  });
  conflicts.push(...inner.conflicts.map((conflict) => renamed(conflict, prefix, `${base.id}/`)));
  const ports = (s: Subpatch) => JSON.stringify([s.title, s.inlets, s.outlets]);
  const portsChoice = options.choices?.[`${prefix}ports`] ?? options.defaultSide ?? 'ours';
  let head = ours;
  if (ports(ours) === ports(base)) head = theirs;
  else if (ports(theirs) !== ports(base) && ports(ours) !== ports(theirs)) {
    conflicts.push({
      id: `${prefix}ports`,
      kind: 'subpatch',
      subpatchId: base.id,
      what: 'inlets, outlets or title changed by both',
      ours,
      theirs,
    });
    head = portsChoice === 'ours' ? ours : theirs;
  }
  return {
    id: base.id,
    title: head.title,
    inlets: structuredClone(head.inlets),
    outlets: structuredClone(head.outlets),
    modules: inner.patch.modules,
    cables: inner.patch.cables,
  };
}

function asPatch(subpatch: Subpatch): Patch {
  return {
    schemaVersion: 1,
    name: subpatch.id,
    description: '',
    modules: subpatch.modules,
    cables: subpatch.cables,
  };
}

/** An inner conflict, named from the patch: ids under `subpatch:ID/`, modules as `ID/INNER`. */
function renamed(conflict: MergeConflict, idPrefix: string, modulePrefix: string): MergeConflict {
  const id = `${idPrefix}${conflict.id}`;
  switch (conflict.kind) {
    case 'param':
    case 'type':
    case 'deleteEdit':
    case 'addAdd':
      return { ...conflict, id, moduleId: `${modulePrefix}${conflict.moduleId}` };
    case 'input':
      return { ...conflict, id, input: `${modulePrefix}${conflict.input}` };
    default:
      return { ...conflict, id };
  }
}

function same(a: Subpatch | undefined, b: Subpatch | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    serializePatch({ ...asPatch(a), subpatches: [a] }) === serializePatch({ ...asPatch(b), subpatches: [b] })
  );
}
