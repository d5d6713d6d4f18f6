// A merged patch file with git-style conflict markers: the patch serialized once with every
// conflict settled for ours and once for theirs; where the two texts differ, both are shown
// between <<<<<<< / ======= / >>>>>>> so a person sees exactly the contested lines.
import { diffLines } from './line-diff';
import { mergePatches } from './merge';
import type { MergeValidation } from './merge';
import type { MergeConflict } from './merge-types';
import { serializePatch } from './serialize';
import type { Patch } from './types';

export interface ConflictText {
  /** The file to write: clean JSON when there is no conflict, otherwise JSON with markers. */
  text: string;
  conflicts: MergeConflict[];
  /** True when the text holds markers (it is then not valid JSON until a person resolves it). */
  hasMarkers: boolean;
}

export function mergeToText(
  base: Patch,
  ours: Patch,
  theirs: Patch,
  labels: { ours: string; theirs: string } = { ours: 'ours', theirs: 'theirs' },
  validation: MergeValidation = {},
): ConflictText {
  const asOurs = mergePatches(base, ours, theirs, { ...validation, defaultSide: 'ours' });
  if (asOurs.conflicts.length === 0)
    return { text: serializePatch(asOurs.patch), conflicts: [], hasMarkers: false };
  const asTheirs = mergePatches(base, ours, theirs, { defaultSide: 'theirs' });
  const oursLines = serializePatch(asOurs.patch).split('\n');
  const theirsLines = serializePatch(asTheirs.patch).split('\n');
  const out: string[] = [];
  let hasMarkers = false;
  for (const run of diffLines(oursLines, theirsLines)) {
    if (run.kind === 'same') {
      out.push(...run.lines);
      continue;
    }
    hasMarkers = true;
    out.push(`<<<<<<< ${labels.ours}`, ...run.a, '=======', ...run.b, `>>>>>>> ${labels.theirs}`);
  }
  return { text: out.join('\n'), conflicts: asOurs.conflicts, hasMarkers };
}

/** One line per conflict, for the merge driver's output and the editor's list. */
export function describeConflict(conflict: MergeConflict): string {
  switch (conflict.kind) {
    case 'metadata':
      return `both sides changed the patch ${conflict.field}`;
    case 'param':
      return `both sides changed param ${conflict.moduleId}.${conflict.param} (ours ${show(conflict.ours)}, theirs ${show(conflict.theirs)})`;
    case 'type':
      return `both sides changed the type of module ${conflict.moduleId} (ours ${conflict.ours}, theirs ${conflict.theirs})`;
    case 'deleteEdit':
      return `${conflict.deletedBy === 'ours' ? 'we' : 'they'} deleted module ${conflict.moduleId}, which the other side edited`;
    case 'addAdd':
      return `both sides added a different module with id ${conflict.moduleId}`;
    case 'input':
      return `both sides rewired input ${conflict.input}`;
    case 'danglingCable':
      return `a cable ${conflict.addedBy === 'ours' ? 'we' : 'they'} added into or out of a deleted module was dropped (${conflict.cable.from.module}.${conflict.cable.from.port} -> ${conflict.cable.to.module}.${conflict.cable.to.port})`;
    case 'subpatch':
      return `subpatch ${conflict.subpatchId}: ${conflict.what}`;
    case 'invalidResult':
      return `the two sides are each valid but not together: ${conflict.problems.map((p) => p.message).join('; ')}`;
  }
}

function show(value: unknown): string {
  return value === undefined ? 'removed' : JSON.stringify(value);
}
