// What a three-way merge of patches returns: the merged patch and the conflicts it could not
// decide. Each conflict carries the three values so a person (or the editor) can choose a side.
import type { ParamValue } from '../sdk/params';
import type { Cable, Patch, PatchModule, Problem, Subpatch } from './types';

export type MergeSide = 'ours' | 'theirs';

export type MergeConflict =
  /** Both sides changed the same field to different values. */
  | {
      id: string;
      kind: 'metadata';
      field: 'name' | 'description';
      base: string;
      ours: string;
      theirs: string;
    }
  /** Both sides changed one param of one module to different values (undefined = removed). */
  | {
      id: string;
      kind: 'param';
      moduleId: string;
      param: string;
      base: ParamValue | undefined;
      ours: ParamValue | undefined;
      theirs: ParamValue | undefined;
    }
  /** Both sides changed a module's type to different types. */
  | { id: string; kind: 'type'; moduleId: string; base: string; ours: string; theirs: string }
  /** One side deleted a module the other side edited (params or type). */
  | {
      id: string;
      kind: 'deleteEdit';
      moduleId: string;
      deletedBy: MergeSide;
      ours: PatchModule | undefined;
      theirs: PatchModule | undefined;
    }
  /** Both sides added a module with the same id and different contents. */
  | { id: string; kind: 'addAdd'; moduleId: string; ours: PatchModule; theirs: PatchModule }
  /** Both sides rewired one input differently (undefined = disconnected). */
  | {
      id: string;
      kind: 'input';
      input: string;
      base: Cable | undefined;
      ours: Cable | undefined;
      theirs: Cable | undefined;
    }
  /** A cable one side added ends at a module the other side deleted; it was dropped. */
  | { id: string; kind: 'danglingCable'; cable: Cable; addedBy: MergeSide }
  /** A subpatch definition both sides added, or one deleted and the other edited, or whose ports both changed. */
  | {
      id: string;
      kind: 'subpatch';
      subpatchId: string;
      what:
        | 'added by both'
        | 'deleted by one side, edited by the other'
        | 'inlets, outlets or title changed by both';
      ours: Subpatch | undefined;
      theirs: Subpatch | undefined;
    }
  /** Each side is valid but the combination is not (for example, together they close a cycle). */
  | { id: string; kind: 'invalidResult'; problems: Problem[] };

export interface MergeOptions {
  /** How to settle each conflict, by conflict id; unlisted conflicts take `defaultSide`. */
  choices?: Readonly<Record<string, MergeSide>>;
  /** Side taken for conflicts without a choice. Default 'ours' (git's convention: keep what you have). */
  defaultSide?: MergeSide;
}

export interface MergeResult {
  /** The merged patch, every conflict settled by its choice (or the default side). */
  patch: Patch;
  /** Every conflict found, whether or not a choice settled it. */
  conflicts: MergeConflict[];
}
