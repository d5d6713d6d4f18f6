// The patch language's document layer: schema, validation, edits, serialization, diff.
export * from './types';
export * from './diff-types';
export {
  parsePatch,
  parsePatchJson,
  patchSchema,
  moduleIdPattern,
  moduleIdSchema,
  cableSchema,
} from './schema';
export { patchEditSchema, parsePatchEdits } from './edit-schema';
export type { ParseEditsResult } from './edit-schema';
export type { ParseResult } from './schema';
export { migratePatch } from './migrations';
export { forbiddenKeys, forbiddenKeyProblems, isForbiddenKey } from './forbidden-keys';
export { validatePatch, describeCable } from './validate';
export { serializePatch } from './serialize';
export { applyEdits, newModuleId } from './edits';
export type { ApplyEditsResult } from './edits';
export { diffPatches, isEmptyDiff, renderDiff } from './diff';
export { mergePatches } from './merge';
export type { MergeValidation } from './merge';
export type { MergeConflict, MergeOptions, MergeResult, MergeSide } from './merge-types';
export { mergeToText, describeConflict } from './conflict-text';
export { flattenPatch, hasSubpatches, isSubpatchType, pathOf, subpatchIdOf, subpatchType } from './flatten';
export type { FlattenResult } from './flatten';
export { makeSubpatch, unmakeSubpatch } from './make-subpatch';
export type { MakeSubpatchOptions, SubpatchEditResult } from './make-subpatch';
export { editsBetween } from './edits-between';
